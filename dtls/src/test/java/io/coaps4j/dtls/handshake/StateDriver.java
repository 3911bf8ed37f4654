package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.alert.AlertMapping;
import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.crypto.RandomSource;
import io.coaps4j.dtls.handshake.client.ClientHandshake;
import io.coaps4j.dtls.handshake.client.ClientKeys;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.server.ServerHandshake;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Runs a real client state machine against a real server state machine message by message, without records
 * or cookies, with offloaded work run inline, and lets a test rewrite or drop any handshake message on the way:
 * the attacker in the middle, at the level where the handshake checks happen.
 */
public final class StateDriver {

    /** Which side a message came from or a failure happened at. */
    public enum Side { CLIENT, SERVER }

    /** Rewrites a message's body on the way; null drops it. */
    @FunctionalInterface
    public interface Tamper {
        byte[] apply(Side from, HandshakeType type, byte[] body) throws Exception;
    }

    /** How the run ended: both sides established, or one side failed with an alert. */
    public record Outcome(Optional<EstablishedSession> clientSession, Optional<EstablishedSession> serverSession,
                          Optional<Side> failedSide, Optional<AlertDescription> alert, String failure) {
        public boolean completed() {
            return clientSession.isPresent() && serverSession.isPresent();
        }
    }

    private final HandshakeContext clientContext;
    private final HandshakeContext serverContext;
    private HandshakeState client;
    private HandshakeState server;
    private EstablishedSession clientSession;
    private EstablishedSession serverSession;

    public StateDriver(DtlsConfig clientConfig, DtlsConfig serverConfig, long seed) {
        this.clientContext = new HandshakeContext(clientConfig, crypto(seed), new InetSocketAddress("10.0.0.1", 5684));
        this.serverContext = new HandshakeContext(serverConfig, crypto(seed + 1), new InetSocketAddress("10.0.0.2", 40000));
    }

    static CryptoContext crypto(long seed) {
        Random random = new Random(seed);
        return new CryptoContext(RandomSource.of(new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                random.nextBytes(bytes);
            }
        }));
    }

    /** Runs the handshake with {@code keys} towards a server reached as {@code serverName}. */
    public Outcome run(ClientKeys keys, Optional<String> serverName, Tamper tamper) {
        ClientHandshake.Start start = ClientHandshake.start(clientContext, keys, serverName);
        client = start.state();
        server = ServerHandshake.start(0);
        List<OutgoingMessage> flight = start.flight();
        Side from = Side.CLIENT;
        try {
            for (int round = 0; round < 10 && !flight.isEmpty(); round++) {
                flight = deliver(from, flight, tamper);
                from = from == Side.CLIENT ? Side.SERVER : Side.CLIENT;
            }
        } catch (Failure failure) {
            return new Outcome(Optional.ofNullable(clientSession), Optional.ofNullable(serverSession),
                    Optional.of(failure.side), Optional.of(AlertMapping.descriptionFor(failure.cause)),
                    failure.cause.getMessage());
        }
        return new Outcome(Optional.ofNullable(clientSession), Optional.ofNullable(serverSession), Optional.empty(),
                Optional.empty(), clientSession == null || serverSession == null ? "stalled" : "");
    }

    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final Side side;
        final DtlsException cause;

        Failure(Side side, DtlsException cause) {
            this.side = side;
            this.cause = cause;
        }
    }

    /** Hands {@code flight} from {@code from} to the other side; returns the other side's answer. */
    private List<OutgoingMessage> deliver(Side from, List<OutgoingMessage> flight, Tamper tamper) throws Failure {
        Side to = from == Side.CLIENT ? Side.SERVER : Side.CLIENT;
        List<OutgoingMessage> answer = new ArrayList<>();
        int epoch = 0;
        for (OutgoingMessage item : flight) {
            HandshakeState state = to == Side.CLIENT ? client : server;
            if (state == null) {
                break;
            }
            Transition transition;
            try {
                if (item instanceof OutgoingMessage.Handshake handshake) {
                    byte[] body;
                    try {
                        body = tamper.apply(from, handshake.message().type(), handshake.message().encodeBody());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    if (body == null) {
                        continue;
                    }
                    transition = state.onMessage(new ReceivedMessage(handshake.message().type().code(),
                            handshake.messageSeq(), epoch, body), to == Side.CLIENT ? clientContext : serverContext);
                } else {
                    epoch = 1;
                    if (!state.acceptsChangeCipherSpec()) {
                        continue; // dropped by the connection, as in the engine
                    }
                    transition = state.onChangeCipherSpec(to == Side.CLIENT ? clientContext : serverContext);
                }
                answer.addAll(apply(to, transition));
            } catch (DtlsException e) {
                throw new Failure(to, e);
            }
        }
        return answer;
    }

    private List<OutgoingMessage> apply(Side side, Transition transition) throws DtlsException {
        HandshakeContext context = side == Side.CLIENT ? clientContext : serverContext;
        while (transition instanceof Transition.Await<?> await) {
            transition = resume(await, context);
        }
        if (transition instanceof Transition.Next next) {
            set(side, next.state());
            return next.flight();
        }
        Transition.Completed completed = (Transition.Completed) transition;
        set(side, null);
        if (side == Side.CLIENT) {
            clientSession = completed.session();
        } else {
            serverSession = completed.session();
        }
        return completed.finalFlight();
    }

    private static <R> Transition resume(Transition.Await<R> await, HandshakeContext context) throws DtlsException {
        R result;
        try {
            result = await.work().compute();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
        return await.state().onResult(result, context);
    }

    private void set(Side side, HandshakeState state) {
        if (side == Side.CLIENT) {
            client = state;
        } else {
            server = state;
        }
    }
}
