package io.coaps4j.dtls.handshake;

import java.util.Optional;

/** A server's cache of resumable sessions, as a handshake reads it (RFC 5246 section 7.4.1.2). */
@FunctionalInterface
public interface SessionLookup {
    /** No cache: every handshake is a full one. */
    SessionLookup NONE = sessionId -> Optional.empty();

    /** The cached, unexpired session with {@code sessionId}, if any. */
    Optional<ResumableSession> find(byte[] sessionId);
}
