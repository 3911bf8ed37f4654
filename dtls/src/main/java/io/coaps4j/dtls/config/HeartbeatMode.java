package io.coaps4j.dtls.config;

import java.util.Optional;

/**
 * The HeartbeatMode of RFC 6520 section 2: what an endpoint says in its hello about the peer's
 * HeartbeatRequests. Either way the endpoint itself may send requests if the peer allows it.
 */
public enum HeartbeatMode {
    /** The peer may send HeartbeatRequests; this endpoint answers them. */
    PEER_ALLOWED_TO_SEND(1),
    /** The peer must not send HeartbeatRequests; this endpoint drops them silently. */
    PEER_NOT_ALLOWED_TO_SEND(2);

    private final int code;

    HeartbeatMode(int code) {
        this.code = code;
    }

    /** The one-byte wire value. */
    public int code() {
        return code;
    }

    /** The mode with wire value {@code code}, or empty for a value RFC 6520 does not define. */
    public static Optional<HeartbeatMode> fromCode(int code) {
        for (HeartbeatMode mode : values()) {
            if (mode.code == code) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
