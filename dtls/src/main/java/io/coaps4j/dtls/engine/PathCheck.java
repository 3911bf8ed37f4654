package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.ConnectionIdPolicy;
import io.coaps4j.dtls.crypto.RandomSource;

import java.net.InetSocketAddress;
import java.security.MessageDigest;

/**
 * One return routability check in progress (RFC 9853 section 5.1, basic): the new address an authentic
 * CID record came from, the cookie of the path_challenge sent there, when to try again or give up. Exists
 * only while a check runs, so an idle session holds none.
 */
final class PathCheck {
    /** rrc_msg_type (RFC 9853 section 4). */
    static final int PATH_CHALLENGE = 0;
    static final int PATH_RESPONSE = 1;
    static final int PATH_DROP = 2;
    /** msg_type and the 8-byte Cookie. */
    static final int MESSAGE_LENGTH = 9;

    private final InetSocketAddress candidate;
    private byte[] cookie;
    private long deadline;
    private int attempts;

    private PathCheck(InetSocketAddress candidate) {
        this.candidate = candidate;
    }

    /** A check of {@code candidate}; {@link #challenge} makes its first message. */
    static PathCheck of(InetSocketAddress candidate) {
        return new PathCheck(candidate);
    }

    InetSocketAddress candidate() {
        return candidate;
    }

    long deadline() {
        return deadline;
    }

    /** Whether another path_challenge may go after a timeout; each attempt counts. */
    boolean mayRetry(ConnectionIdPolicy policy) {
        return attempts < policy.checkAttempts();
    }

    /** The next path_challenge, with fresh random data (section 5.3: "MUST contain random data"), due again at {@code now} + T. */
    byte[] challenge(RandomSource random, ConnectionIdPolicy policy, long now) {
        cookie = random.nextBytes(8);
        attempts++;
        deadline = now + policy.checkTimeout().toNanos();
        return message(PATH_CHALLENGE, cookie);
    }

    /** Whether {@code received} is the cookie of the last path_challenge, compared in constant time. */
    boolean answeredBy(byte[] received) {
        return cookie != null && MessageDigest.isEqual(cookie, received);
    }

    /** A return_routability_check message: msg_type ‖ cookie. */
    static byte[] message(int type, byte[] cookie) {
        byte[] message = new byte[MESSAGE_LENGTH];
        message[0] = (byte) type;
        System.arraycopy(cookie, 0, message, 1, 8);
        return message;
    }
}
