package io.coaps4j.dtls.engine;

import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * The return routability check of one connection that negotiated it (RFC 9853): the basic check of a new peer
 * address (section 5.1) and the answers to the peer's checks (section 5.4). It decides; the connection protects
 * and sends the messages and moves. Exists only for connections that negotiated rrc; holds a {@link PathCheck}
 * only while a check runs.
 */
final class ReturnRoutability {
    /** What the check needs of its connection. */
    interface Path {
        /** Sends {@code message} in a return_routability_check record of the current epoch to {@code to}. */
        void send(InetSocketAddress to, byte[] message);

        /** The check of {@code address} was answered: the connection moves there. */
        void validated(InetSocketAddress address);
    }

    private final EngineContext engine;
    /** The check in progress, or null. */
    private PathCheck check;

    ReturnRoutability(EngineContext engine) {
        this.engine = engine;
    }

    /** When the check in progress is due again, or {@link DtlsResult#NO_DEADLINE}. */
    long deadline() {
        return check == null ? DtlsResult.NO_DEADLINE : check.deadline();
    }

    /**
     * An authentic, newer record came from {@code address}, not the peer's: a path_challenge goes there unless it is
     * being checked already; a check of another address is abandoned (section 5: nested rebindings are not handled).
     */
    void seenAt(InetSocketAddress address, long now, Path path) {
        if (check != null && check.candidate().equals(address)) {
            return;
        }
        check = PathCheck.of(address);
        challenge(now, path);
    }

    /**
     * A return_routability_check message, authentic, of the session's epoch, from {@code from}: a path_challenge is
     * answered at once to where it came from (section 5.4); a path_response with the cookie of the check moves the
     * connection; a path_drop (asked for only by the enhanced check, not run here), a response to nothing or an
     * unknown type (section 4: "gracefully ignore") is dropped.
     */
    void onMessage(byte[] message, InetSocketAddress from, Path path) {
        if (message.length == 0) {
            engine.metrics.handshakeDropped(HandshakeDropReason.RRC_NOT_ALLOWED);
            return;
        }
        int type = message[0] & 0xFF;
        if (type > PathCheck.PATH_DROP) {
            return;
        }
        if (message.length != PathCheck.MESSAGE_LENGTH) {
            engine.metrics.handshakeDropped(HandshakeDropReason.RRC_NOT_ALLOWED);
            return;
        }
        byte[] cookie = Arrays.copyOfRange(message, 1, PathCheck.MESSAGE_LENGTH);
        if (type == PathCheck.PATH_CHALLENGE) {
            path.send(from, PathCheck.message(PathCheck.PATH_RESPONSE, cookie));
            engine.metrics.pathChallengeAnswered();
        } else if (type == PathCheck.PATH_RESPONSE && check != null && check.answeredBy(cookie)) {
            InetSocketAddress checked = check.candidate();
            check = null;
            engine.metrics.pathCheckSucceeded();
            path.validated(checked);
        } else {
            engine.metrics.handshakeDropped(HandshakeDropReason.RRC_UNEXPECTED_RESPONSE);
        }
    }

    /** The timer of the check: another path_challenge, or the check failed and the address stays (section 5.1 step 5). */
    void onTimer(long now, Path path) {
        if (check == null || check.deadline() > now) {
            return;
        }
        if (check.mayRetry(engine.config.connectionIds())) {
            challenge(now, path);
        } else {
            check = null;
            engine.metrics.pathCheckFailed();
        }
    }

    /** The connection ended: no check goes on. */
    void stop() {
        check = null;
    }

    private void challenge(long now, Path path) {
        path.send(check.candidate(), check.challenge(engine.crypto.random(), engine.config.connectionIds(), now));
        engine.metrics.pathChallengeSent();
    }
}
