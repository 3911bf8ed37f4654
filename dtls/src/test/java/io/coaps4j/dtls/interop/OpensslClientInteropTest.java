package io.coaps4j.dtls.interop;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.engine.DtlsEvent;
import io.coaps4j.dtls.engine.DtlsMetrics;
import io.coaps4j.dtls.engine.DtlsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code openssl s_client -dtls1_2 -cipher PSK-AES128-CCM8} against our {@link DtlsServer} over real
 * UDP on loopback, cookie exchange included. Skipped when openssl is absent.
 */
class OpensslClientInteropTest {
    private static final byte[] PSK = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private Process client;
    private final List<String> clientOutput = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stopClient() throws InterruptedException {
        if (client != null) {
            client.destroy();
            client.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static boolean opensslAvailable() {
        try {
            Process probe = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void opensslClientCompletesAHandshakeWithOurServer() throws Exception {
        assumeTrue(opensslAvailable(), "openssl is not installed");
        DtlsConfig config = DtlsConfig.builder()
                .pskStore(InMemoryPskStore.builder().add("openssl-client", PSK).build())
                .build();
        long start = System.nanoTime();
        DtlsServer server = new DtlsServer(config, CryptoContext.create(), new DtlsMetrics(), now(start));
        List<DtlsServer.PeerEvent> events = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client = new ProcessBuilder("openssl", "s_client", "-dtls1_2", "-connect", "127.0.0.1:" + socket.getLocalPort(),
                    "-psk", HexFormat.of().formatHex(PSK), "-psk_identity", "openssl-client",
                    "-cipher", "PSK-AES128-CCM8", "-servername", "coap.example")
                    .redirectErrorStream(true).start();
            BufferedReader reader = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            Thread pump = new Thread(() -> {
                try {
                    for (String line; (line = reader.readLine()) != null; ) {
                        clientOutput.add(line);
                    }
                } catch (IOException ignored) {
                    // The process ended.
                }
            });
            pump.setDaemon(true);
            pump.start();

            InetSocketAddress[] peer = new InetSocketAddress[1];
            serve(socket, server, events, start, 15_000, peer,
                    () -> events.stream().anyMatch(e -> e.event() instanceof DtlsEvent.HandshakeCompleted));
            assertThat(events).as("client said " + clientOutput)
                    .anyMatch(e -> e.event() instanceof DtlsEvent.HandshakeCompleted);
            assertThat(server.metrics().helloVerifyRequestsSent()).isGreaterThanOrEqualTo(1);
            assertThat(server.session(peer[0]).orElseThrow().peerPrincipal().getName()).isEqualTo("openssl-client");
            assertThat(server.session(peer[0]).orElseThrow().serverName()).contains("coap.example");

            OutputStream stdin = client.getOutputStream();
            stdin.write("ping from openssl\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            serve(socket, server, events, start, 5_000, peer,
                    () -> events.stream().anyMatch(e -> e.event() instanceof DtlsEvent.ApplicationData));
            DtlsEvent.ApplicationData data = (DtlsEvent.ApplicationData) events.stream().map(DtlsServer.PeerEvent::event)
                    .filter(e -> e instanceof DtlsEvent.ApplicationData).findFirst().orElseThrow();
            assertThat(new String(data.data(), StandardCharsets.UTF_8)).isEqualTo("ping from openssl\n");

            transmit(socket, server.send(peer[0], "pong from coaps4j\n".getBytes(StandardCharsets.UTF_8), now(start)));
            long until = System.currentTimeMillis() + 5_000;
            while (!clientOutput.contains("pong from coaps4j") && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
            assertThat(clientOutput).contains("pong from coaps4j");

            transmit(socket, server.close(peer[0], now(start)));
            assertThat(server.connectionCount()).isZero();
        }
    }

    @Test
    void wrongKeyAndUnknownIdentityFromOpensslBothGetDecryptError() throws Exception {
        assumeTrue(opensslAvailable(), "openssl is not installed");
        DtlsConfig config = DtlsConfig.builder()
                .pskStore(InMemoryPskStore.builder().add("openssl-client", PSK).build())
                .build();
        String[][] attempts = {{"openssl-client", "ffffffffffffffffffffffffffffffff"},
                {"someone-else", HexFormat.of().formatHex(PSK)}};
        for (String[] attempt : attempts) {
            clientOutput.clear();
            long start = System.nanoTime();
            DtlsServer server = new DtlsServer(config, CryptoContext.create(), new DtlsMetrics(), now(start));
            List<DtlsServer.PeerEvent> events = new ArrayList<>();
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                client = new ProcessBuilder("openssl", "s_client", "-dtls1_2", "-connect",
                        "127.0.0.1:" + socket.getLocalPort(), "-psk", attempt[1], "-psk_identity", attempt[0],
                        "-cipher", "PSK-AES128-CCM8").redirectErrorStream(true).start();
                BufferedReader reader = new BufferedReader(new InputStreamReader(client.getInputStream(),
                        StandardCharsets.UTF_8));
                Thread pump = new Thread(() -> {
                    try {
                        for (String line; (line = reader.readLine()) != null; ) {
                            clientOutput.add(line);
                        }
                    } catch (IOException ignored) {
                        // The process ended.
                    }
                });
                pump.setDaemon(true);
                pump.start();
                serve(socket, server, events, start, 15_000, new InetSocketAddress[1],
                        () -> events.stream().anyMatch(e -> e.event() instanceof DtlsEvent.Failed));
                assertThat(server.metrics().handshakesFailed(io.coaps4j.dtls.alert.AlertDescription.DECRYPT_ERROR))
                        .as("identity %s, client said %s", attempt[0], clientOutput).isEqualTo(1);
                assertThat(server.connectionCount()).isZero();
                client.waitFor(5, TimeUnit.SECONDS);
                assertThat(String.join("\n", clientOutput)).contains("decrypt error");
            }
            client.destroy();
        }
    }

    private static long now(long start) {
        return (System.nanoTime() - start) / 1_000_000;
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
        long until = now(start) + budgetMillis;
        while (!done.getAsBoolean() && now(start) < until) {
            long deadline = Math.min(server.nextDeadline(), until);
            socket.setSoTimeout((int) Math.max(1, Math.min(deadline - now(start), 500)));
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
