package io.coaps4j.coaps;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.crypto.Signer;
import io.coaps4j.dtls.engine.DtlsEndpoint;
import io.coaps4j.dtls.handshake.AwaitingResult;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.server.ServerHandshake;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The trick of the dtls module's OffloadedCryptoTest at the binding level: the first {@code slow} server
 * handshakes of a binding have the ClientHello signed by {@code signer} off the loop (a
 * {@link io.coaps4j.dtls.engine.CryptoJob}) before the real PSK states take it; later ones are plain PSK.
 * No ECDHE suite exists yet to wait for a real signature. The engine's seam (the first server state) is
 * package-private in io.coaps4j.dtls.engine, so it is set by reflection (tests run on the class path).
 */
final class SlowServerHandshakes {
    private SlowServerHandshakes() {
    }

    /** Installs the slow first state on {@code binding}'s server role; call on the binding's loop before handshakes. */
    static void install(CoapsBinding binding, int slow, Signer signer) {
        AtomicInteger remaining = new AtomicInteger(slow);
        IntFunction<HandshakeState> start = seq -> {
            HandshakeState real = ServerHandshake.start(seq);
            return remaining.getAndDecrement() > 0 ? new SigningFirst(real, signer) : real;
        };
        try {
            Field server = DtlsEndpoint.class.getDeclaredField("server");
            server.setAccessible(true);
            Object dtlsServer = server.get(binding.endpoint());
            Method engine = dtlsServer.getClass().getDeclaredMethod("engine");
            engine.setAccessible(true);
            Object context = engine.invoke(dtlsServer);
            Field serverStart = context.getClass().getDeclaredField("serverStart");
            serverStart.setAccessible(true);
            serverStart.set(context, start);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the dtls engine's test seam moved", e);
        }
    }

    /** Has the ClientHello signed off the loop, then handles it as {@code next} does. */
    private record SigningFirst(HandshakeState next, Signer signer) implements HandshakeState {
        @Override
        public Transition onMessage(ReceivedMessage message, HandshakeContext context) {
            byte[] signed = message.body().clone();
            return new Transition.Await<>(new Signed(next, message), () -> signer.sign(signed));
        }
    }

    /** The signature is back: the real state takes the hello. */
    private record Signed(HandshakeState next, ReceivedMessage hello) implements AwaitingResult<byte[]> {
        @Override
        public Transition onResult(byte[] signature, HandshakeContext context) throws DtlsException {
            if (signature.length == 0) {
                throw new AssertionError("no signature");
            }
            return next.onMessage(hello, context);
        }
    }
}
