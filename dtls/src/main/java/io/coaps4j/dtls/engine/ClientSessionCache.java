package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.handshake.ResumableSession;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A client's resumable sessions, one per server: by the server's address and the name it was reached by (RFC 6066
 * section 3 ties a session to that name). Bounded by {@link DtlsConfig#sessionCacheSize()} and
 * {@link DtlsConfig#sessionLifetime()}. Not thread-safe: owned by one event loop.
 */
public final class ClientSessionCache {
    private record Peer(InetSocketAddress address, Optional<String> serverName) {
    }

    private final SessionCache<Peer> sessions;

    public ClientSessionCache(DtlsConfig config) {
        this.sessions = new SessionCache<>(config.sessionCacheSize(), config.sessionLifetime());
    }

    /** The session to offer to {@code server} reached by {@code serverName}, at {@code now}. */
    public Optional<ResumableSession> find(InetSocketAddress server, Optional<String> serverName, long now) {
        return sessions.find(new Peer(server, serverName), now);
    }

    void put(InetSocketAddress server, ResumableSession session, long now) {
        put(server, session.serverName(), session, now);
    }

    /** Keeps {@code session} for {@code server} reached by {@code serverName}. */
    void put(InetSocketAddress server, Optional<String> serverName, ResumableSession session, long now) {
        sessions.put(new Peer(Objects.requireNonNull(server, "server"), serverName), session, now);
    }

    /** Forgets the session with {@code server}: it ended with a fatal alert (RFC 5246 section 7.2.2). */
    public void forget(InetSocketAddress server, Optional<String> serverName) {
        sessions.remove(new Peer(server, serverName));
    }

    /** How many sessions are cached. */
    public int size() {
        return sessions.size();
    }
}
