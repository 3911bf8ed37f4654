package io.coaps4j.interop;

import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.engine.ClientSessionCache;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsEvent;
import io.coaps4j.dtls.engine.DtlsMetrics;

import io.coaps4j.dtls.engine.DtlsServer;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.coaps4j.interop.EngineOverUdp.now;
import static io.coaps4j.interop.EngineOverUdp.pump;
import static io.coaps4j.interop.EngineOverUdp.serve;
import static io.coaps4j.interop.EngineOverUdp.transmit;
import static org.assertj.core.api.Assertions.assertThat;

/** Session resumption by session id (RFC 5246 section 7.3) with Scandium 3.13 at the DTLS level, both roles, PSK. */
class ScandiumResumptionTest {
    static {
        DtlsConfig.register();
    }

    private static final String IDENTITY = "resumer";
    private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static io.coaps4j.dtls.config.DtlsConfig ourConfig() {
        return io.coaps4j.dtls.config.DtlsConfig.builder()
                .pskStore(InMemoryPskStore.builder().add(IDENTITY, KEY).build()).build();
    }

    private static DTLSConnector scandium(DtlsConfig.DtlsRole role, BlockingQueue<RawData> received) {
        Configuration configuration = Configuration.createStandardWithoutFile();
        configuration.set(DtlsConfig.DTLS_ROLE, role);
        configuration.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
        configuration.set(DtlsConfig.DTLS_CIPHER_SUITES,
                List.of(org.eclipse.californium.scandium.dtls.cipher.CipherSuite.TLS_PSK_WITH_AES_128_CCM_8));
        DtlsConnectorConfig.Builder dtls = DtlsConnectorConfig.builder(configuration)
                .setAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        if (role == DtlsConfig.DtlsRole.SERVER_ONLY) {
            AdvancedMultiPskStore store = new AdvancedMultiPskStore();
            store.setKey(IDENTITY, KEY);
            dtls.setAdvancedPskStore(store);
        } else {
            dtls.setAdvancedPskStore(new AdvancedSinglePskStore(IDENTITY, KEY));
        }
        DTLSConnector connector = new DTLSConnector(dtls.build());
        connector.setRawDataReceiver(received::add);
        return connector;
    }

    @Test
    void ourClientResumesItsSessionWithAScandiumServerFromANewPort() throws Exception {
        BlockingQueue<RawData> received = new ArrayBlockingQueue<>(10);
        DTLSConnector server = scandium(DtlsConfig.DtlsRole.SERVER_ONLY, received);
        server.start();
        try {
            InetSocketAddress address = server.getAddress();
            ClientSessionCache cache = new ClientSessionCache(ourConfig());
            long start = System.nanoTime();
            DtlsConnection first = connect(address, cache, start, "first");
            assertThat(first.session().orElseThrow().resumed()).isFalse();
            DtlsConnection second = connect(address, cache, start, "second");
            assertThat(second.session().orElseThrow().resumed()).isTrue();
            assertThat(second.session().orElseThrow().sessionId()).isEqualTo(first.session().orElseThrow().sessionId());
            assertThat(new String(received.poll(10, TimeUnit.SECONDS).getBytes(), StandardCharsets.UTF_8)).isEqualTo("first");
            assertThat(new String(received.poll(10, TimeUnit.SECONDS).getBytes(), StandardCharsets.UTF_8)).isEqualTo("second");
        } finally {
            server.destroy();
        }
    }

    private static DtlsConnection connect(InetSocketAddress address, ClientSessionCache cache, long start, String text)
            throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            DtlsConnection client = DtlsConnection.client(ourConfig(), CryptoContext.create(), new DtlsMetrics(),
                    address, Optional.empty(), cache, now(start));
            List<DtlsEvent> events = new ArrayList<>();
            transmit(socket, address, client.start(now(start)), events);
            pump(socket, address, client, events, start, () -> client.status() != DtlsConnection.Status.HANDSHAKING);
            assertThat(client.status()).as("events %s", events).isEqualTo(DtlsConnection.Status.ESTABLISHED);
            transmit(socket, address, client.send(text.getBytes(StandardCharsets.UTF_8), now(start)), events);
            return client;
        }
    }

    @Test
    void aScandiumClientForcedToResumeGetsTheAbbreviatedHandshakeFromOurServer() throws Exception {
        BlockingQueue<RawData> clientReceived = new ArrayBlockingQueue<>(10);
        DTLSConnector client = scandium(DtlsConfig.DtlsRole.CLIENT_ONLY, clientReceived);
        client.start();
        long start = System.nanoTime();
        DtlsServer server = new DtlsServer(ourConfig(), CryptoContext.create(), new DtlsMetrics(), now(start));
        List<DtlsServer.PeerEvent> events = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            InetSocketAddress ours = (InetSocketAddress) socket.getLocalSocketAddress();
            client.send(RawData.outbound("one".getBytes(StandardCharsets.UTF_8), new AddressEndpointContext(ours), null,
                    false));
            serve(socket, server, events, start, () -> data(events) >= 1);
            assertThat(server.metrics().fullHandshakes()).as("events %s", events).isEqualTo(1);

            client.forceResumeSessionFor(ours);
            client.send(RawData.outbound("two".getBytes(StandardCharsets.UTF_8), new AddressEndpointContext(ours), null,
                    false));
            serve(socket, server, events, start, () -> data(events) >= 2);

            assertThat(data(events)).as("events %s", events).isEqualTo(2);
            assertThat(server.metrics().resumedHandshakes()).isEqualTo(1);
            assertThat(server.metrics().helloVerifyRequestsSent()).isEqualTo(2);
            DtlsServer.PeerEvent last = events.stream().filter(e -> e.event() instanceof DtlsEvent.ApplicationData)
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(server.session(last.peer()).orElseThrow().resumed()).isTrue();
            assertThat(server.session(last.peer()).orElseThrow().peerPrincipal().getName()).isEqualTo(IDENTITY);
        } finally {
            client.destroy();
        }
    }

    private static long data(List<DtlsServer.PeerEvent> events) {
        return events.stream().filter(e -> e.event() instanceof DtlsEvent.ApplicationData).count();
    }
}
