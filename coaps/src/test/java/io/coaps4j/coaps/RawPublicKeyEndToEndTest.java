package io.coaps4j.coaps;

import static io.coaps4j.coaps.Fixtures.uri;
import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.dtls.config.ClientAuthentication;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import io.coaps4j.dtls.credentials.RawPublicKeyPrincipal;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CoAP over DTLS in the RawPublicKey mode over real UDP, the server's handshake crypto (signature, ECDH,
 * CertificateVerify check) on the connector's crypto threads: several clients at once complete their
 * handshakes and the handler sees each client's {@code ni:} identity.
 */
class RawPublicKeyEndToEndTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() {
        for (AutoCloseable closeable : open) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing what the test opened
            }
        }
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    @Test
    void clientsWithRawPublicKeysAreServedAndIdentifiedByTheirKeys() throws Exception {
        KeyPair serverKey = p256();
        List<KeyPair> clientKeys = List.of(p256(), p256(), p256());
        DtlsConnector connector = DtlsConnector.builder().bind(new InetSocketAddress("127.0.0.1", 0)).cryptoThreads(2)
                .credentials(new RawPublicKeyCredentials(serverKey.getPrivate(), serverKey.getPublic(),
                        Set.of(clientKeys.get(0).getPublic(), clientKeys.get(1).getPublic(), clientKeys.get(2).getPublic())))
                .build();
        CoapServer server = CoapServer.builder().connector(connector)
                .resource(Resource.builder("who").get(request ->
                        CoapResponse.content(request.principal().orElseThrow().getName())).build())
                .build().start();
        open.add(server);
        String who = uri(server.localAddress(), "/who");

        List<CompletableFuture<CoapResponse>> answers = new ArrayList<>();
        for (KeyPair key : clientKeys) {
            CoapClient client = CoapClient.builder().connector(DtlsConnector.builder().bind(new InetSocketAddress(0))
                    .acceptHandshakes(false)
                    .credentials(new RawPublicKeyCredentials(key.getPrivate(), key.getPublic(), Set.of(serverKey.getPublic())))
                    .build()).timeout(TIMEOUT).build();
            open.add(0, client);
            answers.add(client.getAsync(who));
        }
        for (int i = 0; i < clientKeys.size(); i++) {
            assertThat(answers.get(i).get(15, TimeUnit.SECONDS).payloadAsString())
                    .isEqualTo(new RawPublicKeyPrincipal(clientKeys.get(i).getPublic()).getName());
        }
        assertThat(connector.metrics().serverSessions()).isEqualTo(3);
    }

    @Test
    void withoutClientAuthenticationTheHandlerSeesNoPrincipal() throws Exception {
        KeyPair serverKey = p256();
        KeyPair clientKey = p256();
        DtlsConfig dtls = DtlsConfig.builder().clientAuthentication(ClientAuthentication.NONE)
                .credentials(new RawPublicKeyCredentials(serverKey.getPrivate(), serverKey.getPublic(),
                        Set.of(clientKey.getPublic()))).build();
        CoapServer server = CoapServer.builder().connector(DtlsConnector.builder()
                        .bind(new InetSocketAddress("127.0.0.1", 0)).dtlsConfig(dtls).build())
                .resource(Resource.builder("who").get(request -> CoapResponse.content(
                        request.principal().map(Principal::getName).orElse("nobody"))).build())
                .build().start();
        open.add(server);
        CoapClient client = CoapClient.builder().connector(DtlsConnector.builder().bind(new InetSocketAddress(0))
                .acceptHandshakes(false)
                .credentials(new RawPublicKeyCredentials(clientKey.getPrivate(), clientKey.getPublic(),
                        Set.of(serverKey.getPublic())))
                .build()).timeout(TIMEOUT).build();
        open.add(0, client);
        assertThat(client.get(uri(server.localAddress(), "/who")).payloadAsString()).isEqualTo("nobody");
    }

    @Test
    void anUntrustedServerKeyFailsTheRequestCarryingThatKey() throws Exception {
        KeyPair serverKey = p256();
        KeyPair clientKey = p256();
        KeyPair trustedInstead = p256();
        CoapServer server = CoapServer.builder().connector(DtlsConnector.builder()
                        .bind(new InetSocketAddress("127.0.0.1", 0))
                        .credentials(new RawPublicKeyCredentials(serverKey.getPrivate(), serverKey.getPublic(),
                                Set.of(clientKey.getPublic()))).build())
                .resource(Resource.builder("who").get(request -> CoapResponse.content("served")).build())
                .build().start();
        open.add(server);
        CoapClient client = CoapClient.builder().connector(DtlsConnector.builder().bind(new InetSocketAddress(0))
                .acceptHandshakes(false)
                .credentials(new RawPublicKeyCredentials(clientKey.getPrivate(), clientKey.getPublic(),
                        Set.of(trustedInstead.getPublic())))
                .build()).timeout(TIMEOUT).build();
        open.add(0, client);

        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() ->
                client.getAsync(uri(server.localAddress(), "/who")).get(15, TimeUnit.SECONDS));

        DtlsHandshakeException handshake = handshakeFailure(failure);
        assertThat(handshake.reason()).isEqualTo(DtlsHandshakeException.Reason.ABORTED_LOCALLY);
        assertThat(handshake.presented().rawPublicKey()).contains(serverKey.getPublic());
        assertThat(handshake.presented().certificateChain()).isEmpty();
    }

    private static DtlsHandshakeException handshakeFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DtlsHandshakeException handshake) {
                return handshake;
            }
        }
        throw new AssertionError("no DtlsHandshakeException in the causes of " + failure, failure);
    }
}
