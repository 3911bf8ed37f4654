package io.coaps4j.interop;

import io.coaps4j.dtls.config.ConnectionIdPolicy;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.crypto.CryptoContext;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.DatagramPacket;
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

/**
 * Connection IDs (RFC 9146, code point 54, tls12_cid records) with Scandium 3.13 at the DTLS level, both roles, PSK;
 * and a Scandium client whose NAT rebinds mid-session: our server finds the session by its CID and goes on without
 * a new handshake (Scandium does not offer RFC 9853's rrc, so the address moves on the newer authentic record,
 * RFC 9146 section 6).
 */
class ScandiumConnectionIdTest {
    static {
        DtlsConfig.register();
    }

    private static final String IDENTITY = "cid";
    private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static io.coaps4j.dtls.config.DtlsConfig ourConfig(ConnectionIdPolicy policy) {
        return io.coaps4j.dtls.config.DtlsConfig.builder()
                .pskStore(InMemoryPskStore.builder().add(IDENTITY, KEY).build()).connectionIds(policy).build();
    }

    private static DTLSConnector scandium(DtlsConfig.DtlsRole role, int cidLength, BlockingQueue<RawData> received) {
        Configuration configuration = Configuration.createStandardWithoutFile();
        configuration.set(DtlsConfig.DTLS_ROLE, role);
        configuration.set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, cidLength);
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

    @ParameterizedTest(name = "our CID length {0}")
    @ValueSource(ints = {0, 4})
    void ourClientWritesWithTheCidOfAScandiumServerAndReadsItsAnswers(int ourCidLength) throws Exception {
        BlockingQueue<RawData> received = new ArrayBlockingQueue<>(10);
        DTLSConnector server = scandium(DtlsConfig.DtlsRole.SERVER_ONLY, 6, received);
        server.setRawDataReceiver(data -> {
            received.add(data);
            server.send(RawData.outbound(("echo " + new String(data.getBytes(), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8), data.getEndpointContext(), null, false));
        });
        server.start();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = server.getAddress();
            long start = System.nanoTime();
            DtlsConnection client = DtlsConnection.client(ourConfig(ConnectionIdPolicy.DEFAULT.withLength(ourCidLength)),
                    CryptoContext.create(), new DtlsMetrics(), address, Optional.empty());
            List<DtlsEvent> events = new ArrayList<>();
            transmit(socket, address, client.start(now(start)), events);
            pump(socket, address, client, events, start, () -> client.status() != DtlsConnection.Status.HANDSHAKING);
            assertThat(client.status()).as("events %s", events).isEqualTo(DtlsConnection.Status.ESTABLISHED);
            assertThat(client.session().orElseThrow().peerConnectionId()).hasValueSatisfying(cid -> assertThat(cid).hasSize(6));
            assertThat(client.session().orElseThrow().connectionId().map(cid -> cid.length).orElse(0)).isEqualTo(ourCidLength);

            transmit(socket, address, client.send("one".getBytes(StandardCharsets.UTF_8), now(start)), events);
            pump(socket, address, client, events, start, () -> echoes(events) >= 1);

            assertThat(new String(received.poll(10, TimeUnit.SECONDS).getBytes(), StandardCharsets.UTF_8)).isEqualTo("one");
            assertThat(events.stream().filter(DtlsEvent.ApplicationData.class::isInstance)
                    .map(e -> new String(((DtlsEvent.ApplicationData) e).data(), StandardCharsets.UTF_8)))
                    .as("events %s", events).containsExactly("echo one");
        } finally {
            server.destroy();
        }
    }

    private static long echoes(List<DtlsEvent> events) {
        return events.stream().filter(DtlsEvent.ApplicationData.class::isInstance).count();
    }

    @Test
    void aScandiumClientKeepsItsSessionWithOurServerAcrossANatRebinding() throws Exception {
        BlockingQueue<RawData> clientReceived = new ArrayBlockingQueue<>(10);
        DTLSConnector client = scandium(DtlsConfig.DtlsRole.CLIENT_ONLY, 0, clientReceived);
        client.start();
        long start = System.nanoTime();
        DtlsServer server = new DtlsServer(ourConfig(ConnectionIdPolicy.DEFAULT), CryptoContext.create(),
                new DtlsMetrics(), now(start));
        List<DtlsServer.PeerEvent> events = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             UdpRelay nat = new UdpRelay((InetSocketAddress) socket.getLocalSocketAddress())) {
            AddressEndpointContext serverContext = new AddressEndpointContext(nat.address());
            client.send(RawData.outbound("one".getBytes(StandardCharsets.UTF_8), serverContext, null, false));
            serve(socket, server, events, start, () -> data(events) >= 1);
            assertThat(data(events)).as("events %s", events).isEqualTo(1);
            DtlsConnection served = server.established(nat.outsideAddress());
            assertThat(served.session().orElseThrow().connectionId()).hasValueSatisfying(cid -> assertThat(cid).hasSize(6));
            answer(socket, server, nat.outsideAddress(), "first answer", start);
            assertThat(new String(clientReceived.poll(10, TimeUnit.SECONDS).getBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("first answer");

            InetSocketAddress before = nat.outsideAddress();
            nat.rebind();
            client.send(RawData.outbound("two".getBytes(StandardCharsets.UTF_8), serverContext, null, false));
            serve(socket, server, events, start, () -> data(events) >= 2);

            assertThat(data(events)).as("events %s", events).isEqualTo(2);
            assertThat(nat.outsideAddress()).isNotEqualTo(before);
            assertThat(served.peer()).isEqualTo(nat.outsideAddress());
            assertThat(server.established(nat.outsideAddress())).isSameAs(served);
            assertThat(server.metrics().cidAddressUpdates()).isEqualTo(1);
            assertThat(server.metrics().fullHandshakes()).as("no new handshake").isEqualTo(1);
            answer(socket, server, nat.outsideAddress(), "second answer", start);
            assertThat(new String(clientReceived.poll(10, TimeUnit.SECONDS).getBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("second answer");
        } finally {
            client.destroy();
        }
    }

    private static void answer(DatagramSocket socket, DtlsServer server, InetSocketAddress to, String text, long start)
            throws java.io.IOException {
        for (DtlsServer.Outbound out : server.send(to, text.getBytes(StandardCharsets.UTF_8), now(start)).datagrams()) {
            socket.send(new DatagramPacket(out.datagram(), out.datagram().length, out.to()));
        }
    }

    private static long data(List<DtlsServer.PeerEvent> events) {
        return events.stream().filter(e -> e.event() instanceof DtlsEvent.ApplicationData).count();
    }
}
