package io.coaps4j.dtls.interop;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.engine.DtlsEvent;
import io.coaps4j.dtls.engine.DtlsMetrics;
import io.coaps4j.dtls.engine.DtlsServer;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code openssl s_client -dtls1_2 -cipher PSK-AES128-CCM8} against our {@link DtlsServer} over real
 * UDP on loopback, cookie exchange included. Skipped when openssl is absent.
 */
class OpensslClientInteropTest {
    private static final byte[] PSK = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private OpensslProcess client;

    @AfterEach
    void stopClient() throws InterruptedException {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void opensslClientCompletesAHandshakeWithOurServer() throws Exception {
        assumeTrue(OpensslProcess.available(), "openssl is not installed");
        DtlsConfig config = DtlsConfig.builder()
                .pskStore(InMemoryPskStore.builder().add("openssl-client", PSK).build())
                .build();
        long start = System.nanoTime();
        DtlsServer server = new DtlsServer(config, CryptoContext.create(), new DtlsMetrics(), now(start));
        List<DtlsServer.PeerEvent> events = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client = OpensslProcess.start(List.of("s_client", "-dtls1_2", "-connect", "127.0.0.1:" + socket.getLocalPort(),
                    "-psk", HexFormat.of().formatHex(PSK), "-psk_identity", "openssl-client",
                    "-cipher", "PSK-AES128-CCM8", "-servername", "coap.example"));

            InetSocketAddress[] peer = new InetSocketAddress[1];
            serve(socket, server, events, start, 15_000, peer,
                    () -> events.stream().anyMatch(e -> e.event() instanceof DtlsEvent.HandshakeCompleted));
            assertThat(events).as("client said " + client.output())
                    .anyMatch(e -> e.event() instanceof DtlsEvent.HandshakeCompleted);
            assertThat(server.metrics().helloVerifyRequestsSent()).isGreaterThanOrEqualTo(1);
            assertThat(server.session(peer[0]).orElseThrow().peerPrincipal().getName()).isEqualTo("openssl-client");
            assertThat(server.session(peer[0]).orElseThrow().serverName()).contains("coap.example");

            client.type("ping from openssl\n");
            serve(socket, server, events, start, 5_000, peer,
                    () -> events.stream().anyMatch(e -> e.event() instanceof DtlsEvent.ApplicationData));
            DtlsEvent.ApplicationData data = (DtlsEvent.ApplicationData) events.stream().map(DtlsServer.PeerEvent::event)
                    .filter(e -> e instanceof DtlsEvent.ApplicationData).findFirst().orElseThrow();
            assertThat(new String(data.data(), StandardCharsets.UTF_8)).isEqualTo("ping from openssl\n");

            transmit(socket, server.send(peer[0], "pong from coaps4j\n".getBytes(StandardCharsets.UTF_8), now(start)));
            client.awaitLine("pong from coaps4j", 5_000);
            assertThat(client.output()).contains("pong from coaps4j");

            transmit(socket, server.close(peer[0], now(start)));
            assertThat(server.connectionCount()).isZero();
        }
    }

    @Test
    void opensslClientResumesItsSessionWithOurServerAfterTheCookieExchange() throws Exception {
        assumeTrue(OpensslProcess.available(), "openssl is not installed");
        DtlsConfig config = DtlsConfig.builder()
                .pskStore(InMemoryPskStore.builder().add("openssl-client", PSK).build())
                .build();
        long start = System.nanoTime();
        DtlsServer server = new DtlsServer(config, CryptoContext.create(), new DtlsMetrics(), now(start));
        List<DtlsServer.PeerEvent> events = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            // -reconnect: after the first handshake, five more connections offering the same session id.
            client = OpensslProcess.start(List.of("s_client", "-dtls1_2", "-connect", "127.0.0.1:" + socket.getLocalPort(),
                    "-psk", HexFormat.of().formatHex(PSK), "-psk_identity", "openssl-client",
                    "-cipher", "PSK-AES128-CCM8", "-reconnect"));

            InetSocketAddress[] peer = new InetSocketAddress[1];
            serve(socket, server, events, start, 20_000, peer,
                    () -> server.metrics().handshakesSucceeded() >= 6);
            assertThat(server.metrics().handshakesSucceeded()).as("client said " + client.output()).isEqualTo(6);
            assertThat(server.metrics().fullHandshakes()).isEqualTo(1);
            assertThat(server.metrics().resumedHandshakes()).isEqualTo(5);
            // Every connection, resumed or not, passed the cookie exchange first.
            assertThat(server.metrics().helloVerifyRequestsSent()).isGreaterThanOrEqualTo(6);
            client.awaitLine("Reused", 5_000);
            assertThat(client.output()).contains("Reused, TLSv1.2, Cipher is PSK-AES128-CCM8");
            assertThat(server.session(peer[0]).orElseThrow().peerPrincipal().getName()).isEqualTo("openssl-client");
            assertThat(server.session(peer[0]).orElseThrow().resumed()).isTrue();
        }
    }

    @Test
    void opensslClientResumesFromTheTicketOurServerIssued() throws Exception {
        assumeTrue(OpensslProcess.available(), "openssl is not installed");
        DtlsConfig config = DtlsConfig.builder()
                .pskStore(InMemoryPskStore.builder().add("openssl-client", PSK).build())
                .sessionTickets(io.coaps4j.dtls.config.SessionTickets.withRandomKeys(java.time.Duration.ofHours(1)))
                .build();
        long start = System.nanoTime();
        DtlsServer server = new DtlsServer(config, CryptoContext.create(), new DtlsMetrics(), now(start));
        List<DtlsServer.PeerEvent> events = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            // s_client offers the SessionTicket extension by default; -reconnect presents the ticket five times.
            client = OpensslProcess.start(List.of("s_client", "-dtls1_2", "-connect", "127.0.0.1:" + socket.getLocalPort(),
                    "-psk", HexFormat.of().formatHex(PSK), "-psk_identity", "openssl-client",
                    "-cipher", "PSK-AES128-CCM8", "-reconnect"));

            InetSocketAddress[] peer = new InetSocketAddress[1];
            serve(socket, server, events, start, 20_000, peer,
                    () -> server.metrics().handshakesSucceeded() >= 6);
            assertThat(server.metrics().handshakesSucceeded()).as("client said " + client.output()).isEqualTo(6);
            assertThat(server.metrics().ticketsIssued()).isEqualTo(1);
            assertThat(server.metrics().ticketsAccepted()).isEqualTo(5);
            assertThat(server.metrics().resumedHandshakes()).isEqualTo(5);
            assertThat(server.metrics().helloVerifyRequestsSent()).isGreaterThanOrEqualTo(6);
            client.awaitLine("Reused", 5_000);
            assertThat(client.output()).contains("Reused, TLSv1.2, Cipher is PSK-AES128-CCM8");
            assertThat(server.session(peer[0]).orElseThrow().peerPrincipal().getName()).isEqualTo("openssl-client");
        }
    }

    @Test
    void opensslClientSavesItsTicketWithSessOutAndResumesWithSessIn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        DtlsServer server = resumeWithSavedTicket(io.coaps4j.dtls.config.SessionTickets.withRandomKeys(
                java.time.Duration.ofHours(1)), dir, () -> { });

        assertThat(server.metrics().ticketsIssued()).isEqualTo(1);
        assertThat(server.metrics().ticketsAccepted()).isEqualTo(1);
        assertThat(server.metrics().resumedHandshakes()).isEqualTo(1);
    }

    @Test
    void opensslClientResumesWithATicketOurServerRenewsInTheAbbreviatedHandshake(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.util.concurrent.atomic.AtomicLong wallClock = new java.util.concurrent.atomic.AtomicLong(1_700_000_000_000L);
        io.coaps4j.dtls.config.SessionTickets tickets = new io.coaps4j.dtls.config.SessionTickets(
                new io.coaps4j.dtls.config.RotatingTicketKeys(java.time.Duration.ofMinutes(1), 1,
                        new java.security.SecureRandom()), java.time.Duration.ofHours(1), wallClock::get);

        // Between the runs the ticket's key rotates out (it still opens): RFC 5077 section 3.4, ServerHello with an
        // empty SessionTicket, NewSessionTicket, ChangeCipherSpec, Finished; OpenSSL takes that flight and resumes.
        DtlsServer server = resumeWithSavedTicket(tickets, dir,
                () -> wallClock.addAndGet(java.time.Duration.ofMinutes(1).toMillis()));

        assertThat(server.metrics().resumedHandshakes()).isEqualTo(1);
        assertThat(server.metrics().ticketsAccepted()).isEqualTo(1);
        assertThat(server.metrics().ticketsIssued()).as("the full handshake's ticket and its renewal").isEqualTo(2);
    }

    /**
     * Two runs of s_client against a server with {@code tickets}: the first saves its session and ticket with
     * -sess_out, {@code betweenRuns} runs, the second resumes with -sess_in; returns the server after both.
     */
    private DtlsServer resumeWithSavedTicket(io.coaps4j.dtls.config.SessionTickets tickets, java.nio.file.Path dir,
                                             Runnable betweenRuns) throws Exception {
        assumeTrue(OpensslProcess.available(), "openssl is not installed");
        DtlsConfig config = DtlsConfig.builder()
                .pskStore(InMemoryPskStore.builder().add("openssl-client", PSK).build())
                .sessionTickets(tickets)
                .build();
        long start = System.nanoTime();
        DtlsServer server = new DtlsServer(config, CryptoContext.create(), new DtlsMetrics(), now(start));
        List<DtlsServer.PeerEvent> events = new ArrayList<>();
        String session = dir.resolve("session.pem").toString();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            List<String> common = List.of("s_client", "-dtls1_2", "-connect", "127.0.0.1:" + socket.getLocalPort(),
                    "-psk", HexFormat.of().formatHex(PSK), "-psk_identity", "openssl-client", "-cipher", "PSK-AES128-CCM8");
            List<String> first = new ArrayList<>(common);
            first.addAll(List.of("-sess_out", session));
            client = OpensslProcess.start(first);
            InetSocketAddress[] peer = new InetSocketAddress[1];
            serve(socket, server, events, start, 15_000, peer, () -> server.metrics().handshakesSucceeded() >= 1);
            java.nio.file.Path saved = java.nio.file.Path.of(session);
            for (int i = 0; i < 250 && !(java.nio.file.Files.exists(saved) && java.nio.file.Files.size(saved) > 0); i++) {
                Thread.sleep(20);
            }
            client.close();
            assertThat(java.nio.file.Files.readString(saved)).contains("SSL SESSION PARAMETERS");
            betweenRuns.run();

            List<String> second = new ArrayList<>(common);
            second.addAll(List.of("-sess_in", session));
            client = OpensslProcess.start(second);
            serve(socket, server, events, start, 15_000, peer, () -> server.metrics().handshakesSucceeded() >= 2);
            assertThat(server.metrics().handshakesSucceeded()).as("client said " + client.output()).isEqualTo(2);
            client.awaitLine("Reused", 5_000);
            assertThat(client.output()).contains("Reused, TLSv1.2, Cipher is PSK-AES128-CCM8");
        }
        return server;
    }

    @Test
    void wrongKeyAndUnknownIdentityFromOpensslBothGetDecryptError() throws Exception {
        assumeTrue(OpensslProcess.available(), "openssl is not installed");
        DtlsConfig config = DtlsConfig.builder()
                .pskStore(InMemoryPskStore.builder().add("openssl-client", PSK).build())
                .build();
        String[][] attempts = {{"openssl-client", "ffffffffffffffffffffffffffffffff"},
                {"someone-else", HexFormat.of().formatHex(PSK)}};
        for (String[] attempt : attempts) {
            long start = System.nanoTime();
            DtlsServer server = new DtlsServer(config, CryptoContext.create(), new DtlsMetrics(), now(start));
            List<DtlsServer.PeerEvent> events = new ArrayList<>();
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                client = OpensslProcess.start(List.of("s_client", "-dtls1_2", "-connect",
                        "127.0.0.1:" + socket.getLocalPort(), "-psk", attempt[1], "-psk_identity", attempt[0],
                        "-cipher", "PSK-AES128-CCM8"));
                serve(socket, server, events, start, 15_000, new InetSocketAddress[1],
                        () -> events.stream().anyMatch(e -> e.event() instanceof DtlsEvent.Failed));
                assertThat(server.metrics().handshakesFailed(io.coaps4j.dtls.alert.AlertDescription.DECRYPT_ERROR))
                        .as("identity %s, client said %s", attempt[0], client.output()).isEqualTo(1);
                assertThat(server.connectionCount()).isZero();
                client.awaitExit(5);
                assertThat(String.join("\n", client.output())).contains("decrypt error");
            }
            client.close();
        }
    }

    private static long now(long start) {
        return System.nanoTime() - start; // the engine's time: nanoseconds
    }

    private static void transmit(DatagramSocket socket, DtlsServer.Result result) throws IOException {
        for (DtlsServer.Outbound out : result.datagrams()) {
            socket.send(new DatagramPacket(out.datagram(), out.datagram().length, out.to()));
        }
    }

    private static void serve(DatagramSocket socket, DtlsServer server, List<DtlsServer.PeerEvent> events, long start,
                              long budgetMillis, InetSocketAddress[] peer, java.util.function.BooleanSupplier done)
            throws IOException {
        byte[] buffer = new byte[2048];
        long until = now(start) + budgetMillis * 1_000_000L;
        while (!done.getAsBoolean() && now(start) < until) {
            long deadline = Math.min(server.nextDeadline(), until);
            socket.setSoTimeout((int) Math.max(1, Math.min((deadline - now(start)) / 1_000_000L, 500)));
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                peer[0] = (InetSocketAddress) packet.getSocketAddress();
                DtlsServer.Result result = server.receive(peer[0], packet.getData(), 0, packet.getLength(), now(start));
                transmit(socket, result);
                events.addAll(result.events());
            } catch (SocketTimeoutException idle) {
                DtlsServer.Result result = server.onTimer(now(start));
                transmit(socket, result);
                events.addAll(result.events());
            }
        }
    }
}
