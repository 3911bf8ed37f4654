package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.cli.psk.PskConnectors;
import io.coaps4j.cli.store.EntryName;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.dtls.credentials.PreSharedKey;
import io.coaps4j.dtls.credentials.PskCredentials;
import io.coaps4j.dtls.credentials.PskIdentity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Principal;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Californium 3.13 client on Scandium (PSK, CCM_8) against our coaps server. */
class ScandiumClientToOurCoapsServerTest {
    private static final String IDENTITY = "scandium-client";
    private static final byte[] KEY = "scandium-secret".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dataDir;

    private OurCoapsServer server;
    private CoapClient client;

    @BeforeEach
    void start() throws Exception {
        server = OurCoapsServer.start(dataDir, IDENTITY, KEY);
        client = ScandiumPsk.client(server.uri("/hello"), IDENTITY, KEY);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.shutdown();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void get() throws Exception {
        org.eclipse.californium.core.CoapResponse response = client.get();

        assertThat(response).as("no response over DTLS").isNotNull();
        assertThat(response.getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(response.getResponseText()).isEqualTo("Hello, world");
        assertThat(response.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.TEXT_PLAIN);
    }

    @Test
    void postPutGetDeleteInOneSession() throws Exception {
        client.setURI(server.uri("/store/from-scandium"));

        assertThat(client.post("first", MediaTypeRegistry.TEXT_PLAIN).getCode()).isEqualTo(ResponseCode.CREATED);
        assertThat(client.put("{\"v\":2}", MediaTypeRegistry.APPLICATION_JSON).getCode()).isEqualTo(ResponseCode.CHANGED);
        org.eclipse.californium.core.CoapResponse get = client.get();
        assertThat(get.getResponseText()).isEqualTo("{\"v\":2}");
        assertThat(get.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_JSON);
        assertThat(server.store().get(EntryName.of("from-scandium"))).isPresent();
        assertThat(client.delete().getCode()).isEqualTo(ResponseCode.DELETED);
        assertThat(client.get().getCode()).isEqualTo(ResponseCode.NOT_FOUND);
    }

    @Test
    void aClientWithAWrongKeyIsRefusedAndTheServerServesOthersOn() throws Exception {
        CoapClient impostor = ScandiumPsk.client(server.uri("/hello"), IDENTITY,
                "not-the-key".getBytes(StandardCharsets.US_ASCII));
        try {
            assertThatThrownBy(impostor::get).as("our server refuses the Finished with decrypt_error")
                    .hasMessageContaining("DECRYPT_ERROR");
        } finally {
            impostor.shutdown();
        }

        assertThat(client.get().getResponseText()).isEqualTo("Hello, world");
    }

    @Test
    void theHandlerSeesTheClientsIdentityAsItsPrincipal() throws Exception {
        PskCredentials credentials = new PskCredentials(PskIdentity.of(IDENTITY), PreSharedKey.of(KEY));
        try (CoapServer whoAmI = CoapServer.builder()
                .connector(PskConnectors.server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), credentials))
                .resource(Resource.builder("whoami")
                        .get(request -> CoapResponse.content(request.principal().map(Principal::getName).orElse("nobody")
                                + (request.peer().secure() ? " (secure)" : " (plain)")))
                        .build())
                .build()
                .start()) {
            client.setURI("coaps://127.0.0.1:" + whoAmI.localAddress().getPort() + "/whoami");

            assertThat(client.get().getResponseText()).isEqualTo(IDENTITY + " (secure)");
        }
    }
}
