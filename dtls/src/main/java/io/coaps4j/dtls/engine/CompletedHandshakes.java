package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.handshake.KeyLogLine;
import io.coaps4j.dtls.handshake.ResumableSession;
import io.coaps4j.dtls.handshake.Transition;

import java.net.InetSocketAddress;

/**
 * What a completed handshake leaves outside its connection: its session in the resumption cache of its role (RFC
 * 5246 section 7.3), a line in the insecure key log when one is configured, and the ticket count. Apart from
 * {@link ConnectionHandshake}, which runs the handshake; these run on its loop, once per completed handshake.
 */
final class CompletedHandshakes {
    private CompletedHandshakes() {
    }

    /**
     * Records {@code completed}, the handshake of a connection of {@code role} with {@code peer} at {@code now};
     * {@code keyLogClientRandom} is the hello's random when a key log is configured, else null.
     */
    static void record(EngineContext engine, ConnectionEnd role, InetSocketAddress peer, long now,
                       byte[] keyLogClientRandom, Transition.Completed completed) {
        completed.resumable().ifPresent(session -> remember(engine, role, peer, now, session));
        if (keyLogClientRandom != null) {
            engine.config.insecureKeyLog().get().write(KeyLogLine.of(keyLogClientRandom, completed.session()));
        }
        if (role == ConnectionEnd.SERVER && completed.session().resumedByTicket()) {
            engine.metrics.ticketAccepted();
        }
    }

    /** Keeps the session of a full handshake for resumption, when it is on (RFC 5246 section 7.3). */
    private static void remember(EngineContext engine, ConnectionEnd role, InetSocketAddress peer, long now,
                                 ResumableSession session) {
        if (!engine.config.resumption()) {
            return;
        }
        if (role == ConnectionEnd.SERVER) {
            engine.serverSessions.put(SessionId.of(session), session, now);
        } else if (engine.clientSessions != null) {
            engine.clientSessions.put(peer, session, now);
        }
    }
}
