package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.credentials.PskPrincipal;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.crypto.RandomSource;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeTest {
    static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final InetSocketAddress CLIENT = VirtualNetwork.address("10.0.0.2", 40000);

    static CryptoContext crypto(long seed) {
        SecureRandom random;
        try {
            random = SecureRandom.getInstance("SHA1PRNG");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        random.setSeed(seed);
        return new CryptoContext(RandomSource.of(random));
    }

    static DtlsConfig config(InMemoryPskStore store) {
        return DtlsConfig.builder().pskStore(store).build();
    }

    @Test
    void clientAndServerCompleteAHandshakeAndExchangeData() {
        DtlsConfig serverConfig = config(InMemoryPskStore.builder().add("client-1", KEY).build());
        DtlsConfig clientConfig = config(InMemoryPskStore.builder().add("client-1", KEY).build());
        DtlsServer server = new DtlsServer(serverConfig, crypto(1), new DtlsMetrics(), 0);
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        DtlsConnection client = DtlsConnection.client(clientConfig, crypto(2), new DtlsMetrics(), VirtualNetwork.SERVER,
                Optional.empty());

        network.start(CLIENT, client);
        network.run();

        assertThat(client.status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        assertThat(network.eventsOf(CLIENT)).hasSize(1).first().isInstanceOf(DtlsEvent.HandshakeCompleted.class);
        assertThat(network.serverEventsOf(CLIENT)).hasSize(1).first().isInstanceOf(DtlsEvent.HandshakeCompleted.class);
        DtlsSession serverSide = server.session(CLIENT).orElseThrow();
        DtlsSession clientSide = client.session().orElseThrow();
        assertThat(serverSide.sessionId()).isEqualTo(clientSide.sessionId()).hasSize(32);
        assertThat(serverSide.epoch()).isEqualTo(1);
        assertThat(serverSide.extendedMasterSecret()).isTrue();
        assertThat(serverSide.peerPrincipal()).isInstanceOf(PskPrincipal.class);
        assertThat(serverSide.peerPrincipal().getName()).isEqualTo("client-1");

        network.clientOutput(CLIENT, client.send("ping".getBytes(StandardCharsets.US_ASCII), network.now));
        network.run();
        DtlsEvent received = network.serverEventsOf(CLIENT).get(1);
        assertThat(received).isInstanceOf(DtlsEvent.ApplicationData.class);
        assertThat(new String(((DtlsEvent.ApplicationData) received).data(), StandardCharsets.US_ASCII)).isEqualTo("ping");
        assertThat(((DtlsEvent.ApplicationData) received).epoch()).isEqualTo(1);

        network.serverOutput(server.send(CLIENT, "pong".getBytes(StandardCharsets.US_ASCII), network.now));
        network.run();
        DtlsEvent answer = network.eventsOf(CLIENT).get(1);
        assertThat(new String(((DtlsEvent.ApplicationData) answer).data(), StandardCharsets.US_ASCII)).isEqualTo("pong");
        assertThat(((DtlsEvent.ApplicationData) answer).session()).isSameAs(clientSide);
    }
}
