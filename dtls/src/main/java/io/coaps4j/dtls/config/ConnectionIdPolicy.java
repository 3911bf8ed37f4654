package io.coaps4j.dtls.config;

import io.coaps4j.dtls.crypto.ConnectionEnd;

import java.time.Duration;
import java.util.Objects;

/**
 * How an endpoint uses DTLS 1.2 connection IDs (RFC 9146) and the return routability check (RFC 9853).
 *
 * <p>{@code length} is the length of the CID this endpoint asks its peer to put in the records it sends here:
 * by default 6 bytes for a server, whose first byte is {@code nodeId} (so that a cluster can route by it later)
 * and the rest random, and 0 for a client, which then offers an empty CID: it sends with the server's CID but
 * is found by its address (RFC 9146 section 3). With {@code enabled} false the connection_id extension is
 * neither offered nor answered. The return routability check runs where both sides negotiated it: a CID
 * record from a new address moves the session there only after a path_challenge sent there was answered
 * within {@code checkTimeout} (RFC 9853 section 5.1; 1 s by section 5.5), retried {@code checkAttempts} times.
 */
public record ConnectionIdPolicy(boolean enabled, int length, int nodeId, boolean returnRoutabilityCheck,
                                 Duration checkTimeout, int checkAttempts) {
    /** Server CID length when none is configured. */
    public static final int DEFAULT_SERVER_LENGTH = 6;
    /** On: 6-byte server CIDs with node id 0, empty client CIDs, the return routability check offered. */
    public static final ConnectionIdPolicy DEFAULT = new ConnectionIdPolicy(true, -1, 0, true, Duration.ofSeconds(1), 3);
    /** No connection_id extension either way: sessions are found by address only. */
    public static final ConnectionIdPolicy DISABLED = DEFAULT.withEnabled(false);

    public ConnectionIdPolicy {
        if (length < -1 || length > 255) {
            throw new IllegalArgumentException("connection ID length must be 0..255 (RFC 9146 section 3), or -1 for"
                    + " the role's default, was " + length);
        }
        if (nodeId < 0 || nodeId > 255) {
            throw new IllegalArgumentException("connection ID node id must be one byte, 0..255, was " + nodeId);
        }
        Objects.requireNonNull(checkTimeout, "checkTimeout");
        if (checkTimeout.isNegative() || checkTimeout.isZero()) {
            throw new IllegalArgumentException("return routability checkTimeout must be positive, was " + checkTimeout);
        }
        if (checkAttempts < 1 || checkAttempts > 10) {
            throw new IllegalArgumentException("return routability checkAttempts must be 1..10, was " + checkAttempts);
        }
    }

    /** This policy with connection IDs on or off. */
    public ConnectionIdPolicy withEnabled(boolean on) {
        return new ConnectionIdPolicy(on, length, nodeId, returnRoutabilityCheck, checkTimeout, checkAttempts);
    }

    /** This policy asking peers for CIDs of {@code bytes} bytes (0: an empty CID, found by address). */
    public ConnectionIdPolicy withLength(int bytes) {
        if (bytes < 0 || bytes > 255) {
            throw new IllegalArgumentException("connection ID length must be 0..255 (RFC 9146 section 3), was " + bytes);
        }
        return new ConnectionIdPolicy(enabled, bytes, nodeId, returnRoutabilityCheck, checkTimeout, checkAttempts);
    }

    /** This policy with {@code id} as the first byte of this endpoint's CIDs. */
    public ConnectionIdPolicy withNodeId(int id) {
        return new ConnectionIdPolicy(enabled, length, id, returnRoutabilityCheck, checkTimeout, checkAttempts);
    }

    /** This policy with the return routability check (RFC 9853) offered or not. */
    public ConnectionIdPolicy withReturnRoutabilityCheck(boolean on) {
        return new ConnectionIdPolicy(enabled, length, nodeId, on, checkTimeout, checkAttempts);
    }

    /** This policy waiting {@code timeout} for each path_response. */
    public ConnectionIdPolicy withCheckTimeout(Duration timeout) {
        return new ConnectionIdPolicy(enabled, length, nodeId, returnRoutabilityCheck, timeout, checkAttempts);
    }

    /** The length of the CID this endpoint asks for in {@code role}: the configured one, or the role's default. */
    public int lengthFor(ConnectionEnd role) {
        if (length >= 0) {
            return length;
        }
        return role == ConnectionEnd.SERVER ? DEFAULT_SERVER_LENGTH : 0;
    }
}
