package io.coaps4j.dtls.interop;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.CertificatePrincipal;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsEvent;
import io.coaps4j.dtls.engine.DtlsMetrics;
import io.coaps4j.dtls.engine.DtlsResult;
import io.coaps4j.dtls.engine.DtlsServer;
import io.coaps4j.dtls.engine.PublicKeyFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 with X.509 certificates and client authentication against OpenSSL 3.0
 * ({@code -cipher ECDHE-ECDSA-AES128-CCM8}) over real UDP on loopback, both roles. OpenSSL 3.0 has no raw public
 * keys, so this is the Certificate mode. Skipped when openssl is absent.
 */
class OpensslEcdheInteropTest {
    private OpensslProcess peer;

    @TempDir
    Path files;

    @AfterEach
    void stop() throws InterruptedException {
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void opensslClientWithACertificateCompletesAHandshakeWithOurServer() throws Exception {
        assumeTrue(OpensslProcess.available(), "openssl is not installed");
        DtlsConfig config = DtlsConfig.builder().credentials(PublicKeyFixture.serverCertificate()).build();
        long start = System.nanoTime();
        DtlsServer server = new DtlsServer(config, CryptoContext.create(), new DtlsMetrics(), now(start));
        List<DtlsServer.PeerEvent> events = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            peer = OpensslProcess.start(List.of("s_client", "-dtls1_2", "-connect", "127.0.0.1:" + socket.getLocalPort(),
                    "-cipher", "ECDHE-ECDSA-AES128-CCM8", "-servername", "server.example",
                    "-CAfile", pem("ca.pem", PublicKeyFixture.CA), "-verify_return_error",
                    "-cert", pem("client.pem", PublicKeyFixture.clientCertificate().chain().get(0)),
                    "-key", pem("client.key", PublicKeyFixture.CLIENT_KEY.getPrivate())));
            InetSocketAddress[] client = new InetSocketAddress[1];
            serve(socket, server, events, start, 15_000, client,
                    () -> events.stream().anyMatch(e -> e.event() instanceof DtlsEvent.HandshakeCompleted
                            || e.event() instanceof DtlsEvent.Failed));
            assertThat(events).as("events %s, client said %s", events, peer.output())
                    .anyMatch(e -> e.event() instanceof DtlsEvent.HandshakeCompleted);
            assertThat(server.session(client[0]).orElseThrow().cipherSuite())
                    .isEqualTo(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8);
            assertThat(server.session(client[0]).orElseThrow().peerPrincipal())
                    .isInstanceOfSatisfying(CertificatePrincipal.class,
                            p -> assertThat(p.dnsNames()).containsExactly("client.example"));

            peer.type("ping over ECDHE\n");
            serve(socket, server, events, start, 5_000, client,
                    () -> events.stream().anyMatch(e -> e.event() instanceof DtlsEvent.ApplicationData));
            DtlsEvent.ApplicationData data = (DtlsEvent.ApplicationData) events.stream().map(DtlsServer.PeerEvent::event)
                    .filter(e -> e instanceof DtlsEvent.ApplicationData).findFirst().orElseThrow();
            assertThat(new String(data.data(), StandardCharsets.UTF_8)).isEqualTo("ping over ECDHE\n");
        }
    }

    @Test
    void ourClientWithACertificateCompletesAHandshakeWithAnOpensslServerThatVerifiesIt() throws Exception {
        assumeTrue(OpensslProcess.available(), "openssl is not installed");
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        peer = OpensslProcess.start(List.of("s_server", "-dtls1_2", "-accept", "127.0.0.1:" + port,
                "-cipher", "ECDHE-ECDSA-AES128-CCM8", "-Verify", "1", "-verify_return_error",
                "-CAfile", pem("ca.pem", PublicKeyFixture.CA),
                "-cert", pem("server.pem", PublicKeyFixture.serverCertificate().chain().get(0)),
                "-key", pem("server.key", PublicKeyFixture.SERVER_KEY.getPrivate())));
        peer.awaitLine("ACCEPT", 10_000);
        InetSocketAddress serverAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        DtlsConfig config = DtlsConfig.builder().credentials(PublicKeyFixture.clientCertificate()).build();
        DtlsConnection client = DtlsConnection.client(config, CryptoContext.create(), new DtlsMetrics(), serverAddress,
                Optional.of("server.example"));
        List<DtlsEvent> events = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            transmit(socket, serverAddress, client.start(now(start)), events);
            pump(socket, serverAddress, client, events, start, 15_000,
                    () -> client.status() != DtlsConnection.Status.HANDSHAKING);
            assertThat(client.status()).as("events %s, server said %s", events, peer.output())
                    .isEqualTo(DtlsConnection.Status.ESTABLISHED);
            assertThat(client.session().orElseThrow().peerPrincipal())
                    .isInstanceOfSatisfying(CertificatePrincipal.class,
                            p -> assertThat(p.dnsNames()).containsExactly("server.example"));

            transmit(socket, serverAddress, client.send("hello over ECDHE\n".getBytes(StandardCharsets.UTF_8),
                    now(start)), events);
            peer.awaitLine("hello over ECDHE", 5_000);
            assertThat(peer.output()).contains("hello over ECDHE");
        }
    }

    private String pem(String name, X509Certificate certificate) throws Exception {
        return write(name, "CERTIFICATE", certificate.getEncoded());
    }

    private String pem(String name, PrivateKey key) throws IOException {
        return write(name, "PRIVATE KEY", key.getEncoded()); // PKCS#8
    }

    private String write(String name, String label, byte[] der) throws IOException {
        String text = "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
        Path file = files.resolve(name);
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        return file.toString();
    }

    private static long now(long start) {
        return System.nanoTime() - start;
    }

    private static void transmit(DatagramSocket socket, DtlsServer.Result result) throws IOException {
        for (DtlsServer.Outbound out : result.datagrams()) {
            socket.send(new DatagramPacket(out.datagram(), out.datagram().length, out.to()));
        }
    }

    private static void transmit(DatagramSocket socket, InetSocketAddress to, DtlsResult result, List<DtlsEvent> events)
            throws IOException {
        for (byte[] datagram : result.datagrams()) {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
        }
        events.addAll(result.events());
    }

    private static void serve(DatagramSocket socket, DtlsServer server, List<DtlsServer.PeerEvent> events, long start,
                              long budgetMillis, InetSocketAddress[] peer, BooleanSupplier done) throws IOException {
        byte[] buffer = new byte[4096];
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

    private static void pump(DatagramSocket socket, InetSocketAddress to, DtlsConnection client, List<DtlsEvent> events,
                             long start, long budgetMillis, BooleanSupplier done) throws IOException {
        byte[] buffer = new byte[4096];
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
