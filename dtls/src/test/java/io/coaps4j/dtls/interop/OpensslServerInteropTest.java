package io.coaps4j.dtls.interop;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsEvent;
import io.coaps4j.dtls.engine.DtlsMetrics;
import io.coaps4j.dtls.engine.DtlsResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Our client against {@code openssl s_server -dtls1_2 -cipher PSK-AES128-CCM8} over real UDP on
 * loopback. A throwaway harness: the socket loop lives in the test. Skipped when openssl is absent.
 */
class OpensslServerInteropTest {
    private static final byte[] PSK = HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10");
    private OpensslProcess server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    private int startServer(String... extra) throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of("s_server", "-dtls1_2", "-accept", "127.0.0.1:" + port,
                "-psk", HexFormat.of().formatHex(PSK), "-psk_identity", "Client_identity",
                "-cipher", "PSK-AES128-CCM8", "-nocert"));
        command.addAll(List.of(extra));
        server = OpensslProcess.start(command);
        server.awaitLine("ACCEPT", 10_000);
        assertThat(server.output()).as("openssl s_server output").contains("ACCEPT");
        return port;
    }

    @Test
    void opensslServerAcceptsOurPskClient() throws Exception {
        handshakeAndExchange();
    }

    @Test
    void statelessOpensslServerWithIdentityHintAcceptsOurPskClient() throws Exception {
        // -listen: the cookie exchange goes through DTLSv1_listen; the hint adds a ServerKeyExchange.
        handshakeAndExchange("-listen", "-psk_hint", "coaps4j-test-hint");
    }

    private void handshakeAndExchange(String... serverOptions) throws Exception {
        assumeTrue(OpensslProcess.available(), "openssl is not installed");
        int port = startServer(serverOptions);
        InetSocketAddress serverAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        DtlsConfig config = DtlsConfig.builder()
                .pskStore(InMemoryPskStore.builder().add("Client_identity", PSK).build())
                .build();
        DtlsConnection client = DtlsConnection.client(config, CryptoContext.create(), new DtlsMetrics(), serverAddress,
                Optional.empty());
        List<DtlsEvent> events = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            transmit(socket, serverAddress, client.start(now(start)), events);
            pump(socket, serverAddress, client, events, start, 15_000,
                    () -> client.status() != DtlsConnection.Status.HANDSHAKING);
            assertThat(client.status()).as("events " + events + ", server said " + server.output())
                    .isEqualTo(DtlsConnection.Status.ESTABLISHED);
            assertThat(client.session().orElseThrow().extendedMasterSecret()).isTrue();

            transmit(socket, serverAddress, client.send("hello from coaps4j\n".getBytes(StandardCharsets.UTF_8),
                    now(start)), events);
            server.awaitLine("hello from coaps4j", 5_000);
            assertThat(server.output()).contains("hello from coaps4j");

            server.type("hello from openssl\n");
            pump(socket, serverAddress, client, events, start, 5_000,
                    () -> events.stream().anyMatch(e -> e instanceof DtlsEvent.ApplicationData));
            DtlsEvent.ApplicationData data = (DtlsEvent.ApplicationData) events.stream()
                    .filter(e -> e instanceof DtlsEvent.ApplicationData).findFirst().orElseThrow();
            assertThat(new String(data.data(), StandardCharsets.UTF_8)).isEqualTo("hello from openssl\n");

            transmit(socket, serverAddress, client.close(now(start)), events);
            assertThat(client.status()).isEqualTo(DtlsConnection.Status.CLOSED);
        }
    }

    private static long now(long start) {
        return System.nanoTime() - start; // the engine's time: nanoseconds
    }

    private static void transmit(DatagramSocket socket, InetSocketAddress to, DtlsResult result, List<DtlsEvent> events)
            throws IOException {
        for (byte[] datagram : result.datagrams()) {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
        }
        events.addAll(result.events());
    }

    private static void pump(DatagramSocket socket, InetSocketAddress to, DtlsConnection client, List<DtlsEvent> events,
                             long start, long budgetMillis, java.util.function.BooleanSupplier done) throws IOException {
        byte[] buffer = new byte[2048];
        long until = now(start) + budgetMillis * 1_000_000L;
        while (!done.getAsBoolean() && now(start) < until) {
            long deadline = Math.min(client.nextDeadline(), until);
            socket.setSoTimeout((int) Math.max(1, Math.min((deadline - now(start)) / 1_000_000L, 500)));
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                transmit(socket, to, client.receive(packet.getData(), 0, packet.getLength(), now(start)), events);
            } catch (SocketTimeoutException idle) {
                transmit(socket, to, client.onTimer(now(start)), events);
            }
        }
    }
}
