package io.coaps4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client API: key management on demand, again after the origin's 4.01; SAs derived from a PSK and a nonce. */
class E2eClientTest {
    private static final byte[] PSK = "pre-provisioned end-to-end key".getBytes();
    private E2eNodes nodes;
    private String origin;

    @BeforeEach
    void start() throws Exception {
        nodes = new E2eNodes();
        origin = "coap://127.0.0.1:" + nodes.serverPort() + "/temp";
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void theClientRunsTheHandshakeAgainWhenTheOriginLostTheSa() {
        E2eHandshake handshake = new E2eHandshake(nodes.client, E2eNodes.handshakeConfig(), nodes.clientSas,
                Duration.ofMinutes(5));
        AtomicInteger handshakes = new AtomicInteger();
        E2eClient client = new E2eClient(nodes.client, nodes.clientSas, () -> {
            handshakes.incrementAndGet();
            return handshake.run("coap://127.0.0.1:" + nodes.serverPort(), Optional.empty());
        });

        assertThat(client.send(Code.GET, origin, Optional.empty(), r -> { }).payloadAsString())
                .isEqualTo("22.5 C for client-hs");
        assertThat(client.send(Code.GET, origin, Optional.empty(), r -> { }).code()).isEqualTo(Code.CONTENT);
        assertThat(handshakes).hasValue(1);

        nodes.serverSas.remove(client.saId().orElseThrow());
        CoapResponse again = client.send(Code.GET, origin, Optional.empty(), r -> { });

        assertThat(again.payloadAsString()).isEqualTo("22.5 C for client-hs");
        assertThat(handshakes).hasValue(2);
    }

    @Test
    void anSaDerivedFromAPskAndAFreshNonceIsFoundByTheRecipientFromItsIdentifier() {
        nodes.serverSas.resolver(E2eKeys.resolver(PSK, "provisioned-client", Duration.ofHours(1)));
        SecureRandom random = new SecureRandom();
        E2eClient client = new E2eClient(nodes.client, nodes.clientSas, () -> {
            byte[] saId = E2eKeys.freshSaId(random);
            nodes.clientSas.install(saId, E2eKeys.fromPsk(PSK, java.util.Arrays.copyOfRange(saId, 1, 8), saId,
                    E2eKeys.Role.CLIENT), Duration.ofHours(1), "origin");
            return saId;
        });

        CoapResponse response = client.send(Code.POST, origin, Optional.empty(), r -> r.payload("19.5"));

        assertThat(response.payloadAsString()).isEqualTo("posted 19.5 by provisioned-client");
        assertThat(nodes.serverSas.contains(client.saId().orElseThrow())).isTrue();
    }

    @Test
    void anSaOfAnotherKeyIsNotResolved() {
        nodes.serverSas.resolver(E2eKeys.resolver("another key".getBytes(), "x", Duration.ofHours(1)));
        byte[] saId = E2eKeys.freshSaId(new SecureRandom());
        nodes.clientSas.install(saId, E2eKeys.fromPsk(PSK, java.util.Arrays.copyOfRange(saId, 1, 8), saId,
                E2eKeys.Role.CLIENT), Duration.ofHours(1), "origin");

        CoapResponse response = nodes.client.send(io.coaps4j.coap.client.ClientRequest.get(origin)
                .option(E2eOptions.protectWith(saId)).build());

        assertThat(response.code()).isEqualTo(Code.BAD_REQUEST);
        assertThat(response.payloadAsString()).isEqualTo(E2eDiagnostics.NOT_AUTHENTIC);
    }

    @Test
    void anExpiredSaIsGone() {
        long[] now = {0};
        E2eAssociations sas = new E2eAssociations(() -> now[0]);
        byte[] saId = {1};
        sas.install(saId, E2eKeys.fromPsk(PSK, new byte[] {9}, saId, E2eKeys.Role.CLIENT), Duration.ofSeconds(10), "p");

        assertThat(sas.contains(saId)).isTrue();
        now[0] = Duration.ofSeconds(10).toNanos();
        assertThat(sas.contains(saId)).isFalse();
    }

    @Test
    void aHandshakeConfigurationWithConnectionIdsIsRefused() {
        io.coaps4j.dtls.config.DtlsConfig withCid = io.coaps4j.dtls.config.DtlsConfig.builder()
                .pskStore(io.coaps4j.dtls.credentials.InMemoryPskStore.builder().add("a", PSK).build()).build();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new E2eHandshake(nodes.client, withCid, nodes.clientSas, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connection ID");
    }
}
