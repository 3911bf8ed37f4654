package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.handshake.AwaitingResult;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.server.ServerHandshake;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server's first state that has a computation run off the loop before the real PSK state takes the
 * ClientHello, as {@link OffloadedCryptoTest}'s signer does: no ECDHE suite exists yet to wait for.
 */
final class AwaitingFirst implements HandshakeState {
    private final HandshakeState next;
    private final AtomicInteger computations;

    private AwaitingFirst(HandshakeState next, AtomicInteger computations) {
        this.next = next;
        this.computations = computations;
    }

    /** Makes every server handshake of {@code endpoint} wait for one offloaded computation, counted in {@code computations}. */
    static void install(DtlsEndpoint endpoint, AtomicInteger computations) {
        endpoint.server().engine().serverStart = seq -> new AwaitingFirst(ServerHandshake.start(seq), computations);
    }

    @Override
    public Transition onMessage(ReceivedMessage hello, HandshakeContext context) {
        return new Transition.Await<>(new Awaited(hello), computations::incrementAndGet);
    }

    private final class Awaited implements AwaitingResult<Integer> {
        private final ReceivedMessage hello;

        Awaited(ReceivedMessage hello) {
            this.hello = hello;
        }

        @Override
        public Transition onResult(Integer result, HandshakeContext context) throws DtlsException {
            return next.onMessage(hello, context);
        }
    }
}
