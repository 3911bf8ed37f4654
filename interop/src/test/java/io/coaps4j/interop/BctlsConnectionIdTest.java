package io.coaps4j.interop;

import io.coaps4j.dtls.config.ConnectionIdPolicy;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsEvent;
import org.bouncycastle.tls.BasicTlsPSKIdentity;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.PSKTlsClient;
import org.bouncycastle.tls.PSKTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsPSKIdentityManager;
import org.bouncycastle.tls.UDPTransport;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection IDs (RFC 9146) with Bouncy Castle's bctls DTLS 1.2 as an in-process peer, both roles, PSK: each side
 * asks for a CID, so records go as tls12_cid both ways, and bctls echoes our data back through them.
 */
class BctlsConnectionIdTest {
    private static final byte[] IDENTITY = "client1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BC_CID = {0x0b, 0x0c, 0x0d};
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static DtlsConfig config(int cidLength) {
        return DtlsConfig.builder().pskStore(InMemoryPskStore.builder()
                        .add(new String(IDENTITY, StandardCharsets.US_ASCII), KEY).build())
                .connectionIds(ConnectionIdPolicy.DEFAULT.withLength(cidLength)).build();
    }

    private static TlsCrypto crypto() {
        return new BcTlsCrypto(new SecureRandom());
    }

    @FunctionalInterface
    private interface Handshake {
        DTLSTransport run(DatagramTransport udp) throws IOException;
    }

    /** The bctls side: echoes what it reads. */
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
            }, "bctls-cid-peer");
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
        protected byte[] getNewConnectionID() {
            return BC_CID.clone();
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
        protected byte[] getNewConnectionID() {
            return BC_CID.clone();
        }
    }

    @Test
    void ourClientAndABctlsServerUseEachOthersCids() throws Exception {
        try (OurDtlsPeer ours = new OurDtlsPeer(config(4)); BcPeer bc = new BcPeer()) {
            bc.start(ours.address(), udp -> new DTLSServerProtocol().accept(new BcServer(), udp));
            ours.connect(bc.address());
            ours.runUntil(() -> ours.established(bc.address()) != null, WAIT, "the handshake with bctls");
            DtlsConnection connection = ours.established(bc.address());

            exchange(ours, bc, connection, 4);
        }
    }

    @Test
    void aBctlsClientAndOurServerUseEachOthersCids() throws Exception {
        try (OurDtlsPeer ours = new OurDtlsPeer(config(6)); BcPeer bc = new BcPeer()) {
            bc.start(ours.address(), udp -> new DTLSClientProtocol().connect(new BcClient(), udp));
            ours.runUntil(() -> ours.established(bc.address()) != null, WAIT, "bctls's handshake");
            DtlsConnection connection = ours.established(bc.address());

            exchange(ours, bc, connection, 6);
        }
    }

    private static void exchange(OurDtlsPeer ours, BcPeer bc, DtlsConnection connection, int ourCidLength)
            throws Exception {
        DTLSTransport transport = bc.transport.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(transport).isNotNull();
        assertThat(connection.session().orElseThrow().peerConnectionId()).hasValueSatisfying(
                cid -> assertThat(cid).isEqualTo(BC_CID));
        assertThat(connection.session().orElseThrow().connectionId()).hasValueSatisfying(
                cid -> assertThat(cid).hasSize(ourCidLength));
        assertThat(connection.returnRoutabilityNegotiated()).as("bctls does not offer RFC 9853").isFalse();

        ours.send(connection, "hello".getBytes(StandardCharsets.US_ASCII));
        ours.runUntil(() -> bc.echoed.get() >= 1 && !ours.eventsOfType(DtlsEvent.ApplicationData.class).isEmpty(), WAIT,
                "bctls's echo");
        assertThat(new String(ours.eventsOfType(DtlsEvent.ApplicationData.class).get(0).data(), StandardCharsets.US_ASCII))
                .isEqualTo("hello");
        assertThat(bc.failure.get()).as("bctls's transport").isNull();
        assertThat(connection.isEstablished()).isTrue();
    }
}
