package io.coaps4j.coaps;

import static io.coaps4j.coaps.CoapsNetwork.address;
import static io.coaps4j.coaps.Fixtures.KEY;
import static io.coaps4j.coaps.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Message;
import io.coaps4j.dtls.crypto.JcaEcdsa;
import io.coaps4j.dtls.crypto.SignatureAlgorithm;
import io.coaps4j.dtls.crypto.Signer;
import io.coaps4j.dtls.engine.CryptoJob;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Offloaded handshake crypto through the sans-IO {@link CoapsBinding} in virtual time: the binding hands a
 * job out through its output and applies it when it comes back ({@link CoapsBinding#resume}); the test plays
 * the worker thread and decides when each job is done. The server's first handshake has its ClientHello
 * signed first ({@link SlowServerHandshakes}); the others are plain PSK.
 */
class OffloadedCryptoBindingTest {
    private static final InetSocketAddress SERVER = address("10.0.0.1", 5684);
    private static final InetSocketAddress SLOW_DEVICE = address("10.0.0.2", 40000);
    private static final InetSocketAddress PSK_DEVICE = address("10.0.0.3", 40000);

    private final CoapsNetwork network = new CoapsNetwork();
    private final CountingSigner signer = new CountingSigner();

    private static CoapsConfig.Builder config() {
        return CoapsConfig.builder().bind(new InetSocketAddress(0)).psk(store("device-1", KEY));
    }

    private CoapsNetwork.Node slowServer() {
        CoapsNetwork.Node server = network.node(SERVER, config().build(), 1)
                .resource("x", exchange -> CoapResponse.content("x"));
        SlowServerHandshakes.install(server.binding, 1, signer);
        server.deferOffload = true;
        return server;
    }

    @Test
    void anotherPeersPskExchangeCompletesWhileAJobIsPending() {
        CoapsNetwork.Node server = slowServer();
        CoapsNetwork.Node slow = network.node(SLOW_DEVICE, config().acceptHandshakes(false).build(), 2);
        CoapsNetwork.Node psk = network.node(PSK_DEVICE, config().acceptHandshakes(false).build(), 3);

        CompletableFuture<Message> slowGet = slow.get(SERVER, "x");
        network.runFor(Duration.ofMillis(100));
        assertThat(server.offloaded).as("the signature was handed out, not computed on the loop").hasSize(1);
        assertThat(signer.calls).hasValue(0);

        Message pskAnswer = network.await(psk.get(SERVER, "x"), Duration.ofSeconds(5)).join();
        assertThat(pskAnswer.payloadAsString()).isEqualTo("x");
        assertThat(slowGet).as("still waiting for its signature").isNotDone();
        assertThat(server.binding.sessions()).singleElement().satisfies(peer -> assertThat(peer.address()).isEqualTo(PSK_DEVICE));

        server.finish(server.offloaded.remove(0));
        assertThat(network.await(slowGet, Duration.ofSeconds(5)).join().payloadAsString()).isEqualTo("x");
        assertThat(signer.calls).hasValue(1);
        assertThat(server.binding.metrics().serverSessions()).isEqualTo(2);
    }

    @Test
    void aJobCompletingAfterCloseIsDropped() {
        CoapsNetwork.Node server = slowServer();
        CoapsNetwork.Node slow = network.node(SLOW_DEVICE, config().acceptHandshakes(false).build(), 2);
        CompletableFuture<Message> slowGet = slow.get(SERVER, "x");
        network.runFor(Duration.ofMillis(100));
        CryptoJob job = server.offloaded.remove(0);

        server.binding.closeAll(network.now);
        int datagramsBefore = server.datagramsSent;
        server.finish(job);
        network.runFor(Duration.ofSeconds(1));

        assertThat(signer.calls).as("the job ran").hasValue(1);
        assertThat(server.datagramsSent).as("nothing leaves a closed binding").isEqualTo(datagramsBefore);
        assertThat(server.binding.metrics().handshakesSucceeded()).isZero();
        assertThat(slowGet).isNotDone();
    }

    @Test
    void anOutputThatRunsJobsAtOnceCompletesTheHandshakeOnTheLoop() {
        CoapsNetwork.Node server = slowServer();
        server.deferOffload = false; // the default of CoapsBinding.Output: run here
        CoapsNetwork.Node slow = network.node(SLOW_DEVICE, config().acceptHandshakes(false).build(), 2);

        assertThat(network.await(slow.get(SERVER, "x"), Duration.ofSeconds(5)).join().payloadAsString()).isEqualTo("x");
        assertThat(signer.calls).hasValue(1);
        assertThat(server.offloaded).isEmpty();
    }

    /** A real ECDSA signer that counts its signatures. */
    private static final class CountingSigner implements Signer {
        final AtomicInteger calls = new AtomicInteger();
        private final Signer real;

        CountingSigner() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(256);
                real = JcaEcdsa.signer(generator.generateKeyPair().getPrivate());
            } catch (GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public SignatureAlgorithm algorithm() {
            return real.algorithm();
        }

        @Override
        public byte[] sign(byte[] message) throws GeneralSecurityException {
            calls.incrementAndGet();
            return real.sign(message);
        }
    }
}
