package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsEvent;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.tls.BasicTlsPSKIdentity;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.DefaultTlsHeartbeat;
import org.bouncycastle.tls.HeartbeatMode;
import org.bouncycastle.tls.PSKTlsClient;
import org.bouncycastle.tls.PSKTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsHeartbeat;
import org.bouncycastle.tls.TlsPSKIdentityManager;
import org.bouncycastle.tls.UDPTransport;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;

/**
 * RFC 6520 heartbeats with Bouncy Castle's bctls DTLS as an in-process peer, both roles, DTLS 1.2 with
 * TLS_PSK_WITH_AES_128_CCM_8: bctls sends a HeartbeatRequest whenever the session is idle for 200 ms and fails
 * its transport when one goes unanswered; we send ours and expect its responses.
 */
class BctlsHeartbeatTest {
    private static final byte[] IDENTITY = "client1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** bctls pings after 200 ms idle and gives up after 5 s without an answer. */
    private static final TlsHeartbeat BC_HEARTBEAT = new DefaultTlsHeartbeat(200, 5_000);

    private static DtlsConfig config() {
        return DtlsConfig.builder().pskStore(InMemoryPskStore.builder()
                .add(new String(IDENTITY, StandardCharsets.US_ASCII), KEY).build()).build();
    }

    private static TlsCrypto crypto() {
        return new BcTlsCrypto(new SecureRandom());
    }

    /** The bctls side: reads in a loop (which is when bctls handles heartbeats), echoes data, counts reads. */
    private static final class BcPeer implements AutoCloseable {
        final DatagramSocket socket;
        final CompletableFuture<DTLSTransport> transport = new CompletableFuture<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicInteger echoed = new AtomicInteger();
        private volatile boolean stopped;
        private Thread thread;

        BcPeer() throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        void start(InetSocketAddress peer, Handshake handshake) throws IOException {
            socket.connect(peer);
            DatagramTransport udp = new UDPTransport(socket, 1500);
            thread = new Thread(() -> {
                try {
                    DTLSTransport dtls = handshake.run(udp);
                    transport.complete(dtls);
                    byte[] buffer = new byte[dtls.getReceiveLimit()];
                    while (!stopped) {
                        int length = dtls.receive(buffer, 0, buffer.length, 50);
                        if (length > 0) {
                            dtls.send(buffer, 0, length);
                            echoed.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    if (!stopped) {
                        failure.set(e);
                        transport.completeExceptionally(e);
                    }
                }
            }, "bctls-peer");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws Exception {
            stopped = true;
            if (thread != null) {
                thread.join(2_000);
            }
            socket.close();
        }
    }

    @FunctionalInterface
    private interface Handshake {
        DTLSTransport run(DatagramTransport udp) throws IOException;
    }

    private static final class BcServer extends PSKTlsServer {
        BcServer() {
            super(crypto(), new TlsPSKIdentityManager() {
                @Override
                public byte[] getHint() {
                    return null;
                }

                @Override
                public byte[] getPSK(byte[] identity) {
                    return Arrays.equals(identity, IDENTITY) ? KEY.clone() : null;
                }
            });
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {CipherSuite.TLS_PSK_WITH_AES_128_CCM_8};
        }

        @Override
        public TlsHeartbeat getHeartbeat() {
            return BC_HEARTBEAT;
        }

        @Override
        public short getHeartbeatPolicy() {
            return HeartbeatMode.peer_allowed_to_send;
        }
    }

    private static final class BcClient extends PSKTlsClient {
        BcClient() {
            super(crypto(), new BasicTlsPSKIdentity(IDENTITY, KEY));
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {CipherSuite.TLS_PSK_WITH_AES_128_CCM_8};
        }

        @Override
        public TlsHeartbeat getHeartbeat() {
            return BC_HEARTBEAT;
        }

        @Override
        public short getHeartbeatPolicy() {
            return HeartbeatMode.peer_allowed_to_send;
        }
    }

    @Test
    void ourClientAndABctlsServerAnswerEachOthersHeartbeats() throws Exception {
        try (OurDtlsPeer ours = new OurDtlsPeer(config()); BcPeer bc = new BcPeer()) {
            bc.start(ours.address(), udp -> new DTLSServerProtocol().accept(new BcServer(), udp));
            ours.connect(bc.address());
            ours.runUntil(() -> ours.established(bc.address()) != null, WAIT, "the handshake with bctls");
            DtlsConnection connection = ours.established(bc.address());

            exchangeHeartbeats(ours, bc, connection);
        }
    }

    @Test
    void aBctlsClientAndOurServerAnswerEachOthersHeartbeats() throws Exception {
        try (OurDtlsPeer ours = new OurDtlsPeer(config()); BcPeer bc = new BcPeer()) {
            bc.start(ours.address(), udp -> new DTLSClientProtocol().connect(new BcClient(), udp));
            ours.runUntil(() -> ours.established(bc.address()) != null, WAIT, "bctls's handshake");
            DtlsConnection connection = ours.established(bc.address());

            exchangeHeartbeats(ours, bc, connection);
        }
    }

    private static void exchangeHeartbeats(OurDtlsPeer ours, BcPeer bc, DtlsConnection connection) {
        assertThat(connection.heartbeatNegotiated()).isTrue();
        assertThat(connection.canSendHeartbeat()).as("bctls said peer_allowed_to_send").isTrue();

        // bctls pings an idle session after 200 ms: we answer, again and again.
        ours.runUntil(() -> ours.metrics().heartbeatRequestsAnswered() >= 3, WAIT, "three bctls HeartbeatRequests");

        // We ask, bctls answers.
        ours.sendHeartbeat(connection);
        ours.runUntil(() -> !ours.eventsOfType(DtlsEvent.HeartbeatAnswered.class).isEmpty(), WAIT,
                "bctls's HeartbeatResponse");

        // The session carries data as before (bctls echoes it), and bctls found nothing to complain about.
        ours.send(connection, "hello".getBytes(StandardCharsets.US_ASCII));
        ours.runUntil(() -> bc.echoed.get() >= 1 && !ours.eventsOfType(DtlsEvent.ApplicationData.class).isEmpty(), WAIT,
                "bctls's echo");
        assertThat(bc.failure.get()).as("bctls's transport").isNull();
        assertThat(connection.isEstablished()).isTrue();
        assertThat(ours.metrics().heartbeatTimeouts()).isZero();
    }
}
