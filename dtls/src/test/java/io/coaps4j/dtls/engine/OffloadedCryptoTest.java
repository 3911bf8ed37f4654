package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.crypto.JcaEcdsa;
import io.coaps4j.dtls.crypto.SignatureAlgorithm;
import io.coaps4j.dtls.crypto.SignatureVerifier;
import io.coaps4j.dtls.crypto.Signer;
import io.coaps4j.dtls.handshake.AwaitingResult;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.server.ServerHandshake;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A handshake state that waits for slow crypto, run through the real connection machinery: the server's
 * first state is replaced by one that has the ClientHello signed (by a deliberately slow signer: the test,
 * playing the transport's executor, decides in virtual time when each job completes) and then goes on as
 * the real PSK server state; EcdheOffloadTest waits for the real signatures of the ECDHE_ECDSA suite.
 */
class OffloadedCryptoTest {
    private static final InetSocketAddress CLIENT_A = VirtualNetwork.address("10.0.0.2", 40000);
    private static final InetSocketAddress CLIENT_B = VirtualNetwork.address("10.0.0.3", 40000);
    private static final KeyPair SERVER_KEY = p256();

    private final SlowSigner signer = new SlowSigner(JcaEcdsa.signer(SERVER_KEY.getPrivate()));
    private final List<byte[]> verifiedSignatures = new ArrayList<>();

    private static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static DtlsConfig config(Consumer<DtlsConfig.Builder> tweak) {
        return Fixture.config(InMemoryPskStore.builder().add("device", Fixture.KEY).build(), tweak);
    }

    private DtlsServer signingServer(DtlsConfig config) {
        DtlsServer server = Fixture.server(config);
        server.engine().serverStart = seq -> new SigningFirst(ServerHandshake.start(seq));
        return server;
    }

    @Test
    void aSlowSignatureDoesNotStallAnotherPeerWhoseHandshakeCompletesMeanwhile() {
        DtlsConfig config = config(b -> { });
        Loop loop = new Loop(signingServer(config));

        loop.start(CLIENT_A, Fixture.client(config, 2));
        assertThat(loop.offloaded).as("A's signature handed out, not computed on the loop").hasSize(1);
        CryptoJob slow = loop.offloaded.remove(0);
        assertThat(slow.isDone()).isFalse();
        assertThat(signer.calls).isZero();

        loop.now = ms(10);
        loop.start(CLIENT_B, Fixture.client(config, 3));
        CryptoJob fast = loop.offloaded.remove(0);
        fast.run();
        loop.resume(fast);

        assertThat(loop.clientCompleted(CLIENT_B)).isTrue();
        assertThat(loop.serverCompleted()).containsExactly(CLIENT_B);
        assertThat(loop.clientCompleted(CLIENT_A)).as("A still waits for its signature").isFalse();
        assertThat(loop.server.engine().cryptoJobs.outstanding()).isEqualTo(1);

        loop.now = ms(50); // the slow signature is done 50 ms of virtual time after it was handed out
        slow.run();
        loop.resume(slow);

        assertThat(loop.clientCompleted(CLIENT_A)).isTrue();
        assertThat(loop.serverCompleted()).containsExactly(CLIENT_B, CLIENT_A);
        assertThat(signer.calls).isEqualTo(2);
        assertThat(verifiedSignatures).hasSize(2);
        assertThat(loop.server.engine().cryptoJobs.outstanding()).isZero();
    }

    @Test
    void messagesArrivingWhileTheStateWaitsAreKeptAndTheHandshakeGoesOnAfterTheResult() {
        DtlsConfig config = config(b -> { });
        Loop loop = new Loop(signingServer(config));
        loop.start(CLIENT_A, Fixture.client(config, 2));
        CryptoJob job = loop.offloaded.remove(0);

        // The client retransmits its ClientHello while the server computes: the retransmission is not a new handshake.
        loop.now = ms(1_000);
        loop.clientOutput(CLIENT_A, loop.clients.get(CLIENT_A).onTimer(loop.now));
        loop.pump();
        assertThat(loop.offloaded).as("the retransmitted hello starts no second job").isEmpty();
        assertThat(loop.server.handshakeCount()).isEqualTo(1);

        job.run();
        loop.resume(job);
        assertThat(loop.clientCompleted(CLIENT_A)).isTrue();
        assertThat(loop.serverCompleted()).containsExactly(CLIENT_A);
    }

    @Test
    void aResultForAConnectionThatClosedFirstIsDropped() {
        DtlsConfig config = config(b -> { });
        Loop loop = new Loop(signingServer(config));
        loop.start(CLIENT_A, Fixture.client(config, 2));
        CryptoJob job = loop.offloaded.remove(0);

        loop.now = ms(20);
        loop.server.close(CLIENT_A, loop.now, loop);
        loop.pump();
        int datagramsBefore = loop.serverDatagrams;
        int eventsBefore = loop.serverEvents.size();

        loop.now = ms(60);
        job.run();
        loop.resume(job);

        assertThat(verifiedSignatures).as("the waiting state never sees the result").isEmpty();
        assertThat(loop.serverDatagrams).isEqualTo(datagramsBefore);
        assertThat(loop.serverEvents).hasSize(eventsBefore);
        assertThat(loop.server.engine().cryptoJobs.outstanding()).as("the job's place is free again").isZero();
        assertThat(loop.server.connectionCount()).isZero();
    }

    @Test
    void beyondTheBoundAJobRunsInlineOnTheLoop() {
        DtlsConfig config = config(b -> b.maxOffloadedCryptoJobs(1));
        Loop loop = new Loop(signingServer(config));
        loop.start(CLIENT_A, Fixture.client(config, 2));
        assertThat(loop.offloaded).hasSize(1);

        loop.start(CLIENT_B, Fixture.client(config, 3));

        assertThat(loop.offloaded).as("B's job was not handed out").hasSize(1);
        assertThat(loop.clientCompleted(CLIENT_B)).isTrue();
        CryptoJob held = loop.offloaded.remove(0);
        held.run();
        loop.resume(held);
        assertThat(loop.clientCompleted(CLIENT_A)).isTrue();
        assertThat(loop.server.engine().cryptoJobs.outstanding()).isZero();
    }

    @Test
    void theDefaultOffloadRunsTheJobAtOnceSoATransportThatIgnoresItStillCompletes() {
        DtlsConfig config = config(b -> { });
        DtlsServer server = signingServer(config);
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        DtlsConnection client = Fixture.client(config, 2);

        network.start(CLIENT_A, client);
        network.run();

        assertThat(client.status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        assertThat(signer.calls).isEqualTo(1);
        assertThat(server.engine().cryptoJobs.outstanding()).isZero();
    }

    @Test
    void aFailedComputationEndsTheHandshakeWithInternalError() {
        DtlsConfig config = config(b -> { });
        Loop loop = new Loop(signingServer(config));
        signer.failing = true;
        loop.start(CLIENT_A, Fixture.client(config, 2));
        CryptoJob job = loop.offloaded.remove(0);
        job.run();
        loop.resume(job);

        DtlsEvent.Failed failed = Fixture.eventsOfType(loop.clientEvents.get(CLIENT_A), DtlsEvent.Failed.class).get(0);
        assertThat(failed.alert()).contains(AlertDescription.INTERNAL_ERROR);
        assertThat(loop.server.connectionCount()).isZero();
    }

    @Test
    void aJobIsResumedOnlyAfterItRanAndOnlyByItsOwnConnection() {
        DtlsConfig config = config(b -> { });
        Loop loop = new Loop(signingServer(config));
        loop.start(CLIENT_A, Fixture.client(config, 2));
        CryptoJob job = loop.offloaded.remove(0);

        assertThatThrownBy(() -> loop.server.resume(job, 0, loop)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("run()");
        job.run();
        assertThatThrownBy(job::run).isInstanceOf(IllegalStateException.class);
        DtlsConnection other = Fixture.client(config, 3);
        assertThatThrownBy(() -> other.resume(job, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePskHandshakeNeverOffloads() {
        DtlsConfig config = config(b -> { });
        Loop loop = new Loop(Fixture.server(config));
        loop.start(CLIENT_A, Fixture.client(config, 2));

        assertThat(loop.clientCompleted(CLIENT_A)).isTrue();
        assertThat(loop.offloaded).isEmpty();
    }

    /** Counts signatures and can fail; its slowness is the time the test lets pass before a job completes. */
    private static final class SlowSigner implements Signer {
        private final Signer real;
        volatile int calls;
        volatile boolean failing;

        SlowSigner(Signer real) {
            this.real = real;
        }

        @Override
        public SignatureAlgorithm algorithm() {
            return real.algorithm();
        }

        @Override
        public byte[] sign(byte[] message) throws GeneralSecurityException {
            calls++;
            if (failing) {
                throw new GeneralSecurityException("the signing device is unavailable");
            }
            return real.sign(message);
        }
    }

    /** Has the ClientHello signed off the loop, then handles it as {@code next} does. */
    private final class SigningFirst implements HandshakeState {
        private final HandshakeState next;

        SigningFirst(HandshakeState next) {
            this.next = next;
        }

        @Override
        public Transition onMessage(ReceivedMessage message, HandshakeContext context) {
            byte[] signed = message.body().clone();
            return new Transition.Await<>(new SignatureAwaited(next, message, signed), () -> signer.sign(signed));
        }
    }

    /** The signature is back: checked (so the result is really used), then the real state takes the hello. */
    private final class SignatureAwaited implements AwaitingResult<byte[]> {
        private final HandshakeState next;
        private final ReceivedMessage hello;
        private final byte[] signed;

        SignatureAwaited(HandshakeState next, ReceivedMessage hello, byte[] signed) {
            this.next = next;
            this.hello = hello;
            this.signed = signed;
        }

        @Override
        public Transition onResult(byte[] signature, HandshakeContext context) throws DtlsException {
            SignatureVerifier verifier = JcaEcdsa.verifier(SERVER_KEY.getPublic());
            try {
                assertThat(verifier.verify(signed, signature)).isTrue();
            } catch (GeneralSecurityException e) {
                throw new AssertionError(e);
            }
            verifiedSignatures.add(signature);
            return next.onMessage(hello, context);
        }
    }

    /**
     * One event loop and its transport in virtual time: the server writes here; datagrams are delivered in
     * order without loss until none is left; offloaded jobs are kept for the test to run and resume.
     */
    private static final class Loop implements DtlsOutput {
        final DtlsServer server;
        final Map<InetSocketAddress, DtlsConnection> clients = new LinkedHashMap<>();
        final Map<InetSocketAddress, List<DtlsEvent>> clientEvents = new LinkedHashMap<>();
        final List<DtlsServer.PeerEvent> serverEvents = new ArrayList<>();
        final List<CryptoJob> offloaded = new ArrayList<>();
        private final Deque<VirtualNetwork.Packet> wire = new ArrayDeque<>();
        int serverDatagrams;
        long now;

        Loop(DtlsServer server) {
            this.server = server;
        }

        @Override
        public void datagram(InetSocketAddress to, byte[] datagram) {
            serverDatagrams++;
            wire.add(new VirtualNetwork.Packet(VirtualNetwork.SERVER, to, datagram, now, 0));
        }

        @Override
        public void event(DtlsConnection connection, DtlsEvent event) {
            serverEvents.add(new DtlsServer.PeerEvent(connection, event));
        }

        @Override
        public void offload(CryptoJob job) {
            offloaded.add(job);
        }

        void start(InetSocketAddress from, DtlsConnection client) {
            clients.put(from, client);
            clientOutput(from, client.start(now));
            pump();
        }

        void resume(CryptoJob job) {
            server.resume(job, now, this);
            pump();
        }

        void clientOutput(InetSocketAddress client, DtlsResult result) {
            for (byte[] datagram : result.datagrams()) {
                wire.add(new VirtualNetwork.Packet(client, VirtualNetwork.SERVER, datagram, now, 0));
            }
            clientEvents.computeIfAbsent(client, k -> new ArrayList<>()).addAll(result.events());
        }

        void pump() {
            VirtualNetwork.Packet packet;
            while ((packet = wire.poll()) != null) {
                if (packet.to().equals(VirtualNetwork.SERVER)) {
                    server.receive(packet.from(), packet.bytes(), 0, packet.bytes().length, now, this);
                } else if (clients.containsKey(packet.to())) {
                    clientOutput(packet.to(), clients.get(packet.to()).receive(packet.bytes(), now));
                }
            }
        }

        boolean clientCompleted(InetSocketAddress client) {
            return clientEvents.getOrDefault(client, List.of()).stream()
                    .anyMatch(DtlsEvent.HandshakeCompleted.class::isInstance);
        }

        List<InetSocketAddress> serverCompleted() {
            return serverEvents.stream().filter(e -> e.event() instanceof DtlsEvent.HandshakeCompleted)
                    .map(DtlsServer.PeerEvent::peer).toList();
        }
    }

    /** Virtual time in the engine's unit, nanoseconds. */
    private static long ms(long millis) {
        return millis * 1_000_000L;
    }
}
