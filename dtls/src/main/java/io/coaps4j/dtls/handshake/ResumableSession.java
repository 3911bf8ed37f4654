package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.credentials.SecurityMode;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.CryptoContext;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * What a session cache keeps of a completed full handshake so that an abbreviated handshake can resume it
 * (RFC 5246 section 7.3): session id, master secret, suite, whether the master secret is the extended one
 * (RFC 7627 section 5.3), the server name and security mode it was made for, and the proof of the peer the
 * full handshake produced, which the resumed session carries on ({@link PeerEvidence.Resumed}). It can only be
 * made from that proof. Never printed with its secret.
 */
public final class ResumableSession {
    private final byte[] sessionId;
    private final Optional<String> serverName;
    private final SecurityMode mode;
    private final PeerAuthenticated peer;

    private ResumableSession(byte[] sessionId, PeerAuthenticated peer, Optional<String> serverName, SecurityMode mode) {
        // The master secret, suite and EMS flag are read from the proof's keys, not copied: a cached entry is small.
        this.sessionId = sessionId.clone();
        this.serverName = Objects.requireNonNull(serverName, "serverName");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.peer = peer;
    }

    /**
     * The session a full handshake with {@code sessionId} established, proven by {@code peer}; empty when it
     * cannot be resumed: no session id, or no extended master secret, without which RFC 7627 section 5.3 forbids
     * resumption (its triple handshake attack).
     */
    public static Optional<ResumableSession> of(byte[] sessionId, PeerAuthenticated peer, Optional<String> serverName,
                                                SecurityMode mode) {
        Objects.requireNonNull(peer, "peer");
        if (sessionId.length == 0 || !peer.finished().keys().extendedMasterSecret()) {
            return Optional.empty();
        }
        if (peer.evidence() instanceof PeerEvidence.Resumed) {
            throw new IllegalArgumentException("a resumed session is cached from its original proof");
        }
        return Optional.of(new ResumableSession(sessionId, peer, serverName, mode));
    }

    public byte[] sessionId() {
        return sessionId.clone();
    }

    public CipherSuite suite() {
        return original().suite();
    }

    public boolean extendedMasterSecret() {
        return original().extendedMasterSecret();
    }

    private SessionKeys original() {
        return peer.finished().keys();
    }

    public Optional<String> serverName() {
        return serverName;
    }

    public SecurityMode mode() {
        return mode;
    }

    /** The proof of the peer from the full handshake. */
    public PeerAuthenticated peer() {
        return peer;
    }

    /** Whether {@code id} is this session's id, compared in constant time. */
    public boolean hasId(byte[] id) {
        return java.security.MessageDigest.isEqual(sessionId, id);
    }

    /** The keys of an abbreviated handshake with these randoms: the cached master secret, a new key block. */
    public SessionKeys keys(CryptoContext crypto, byte[] clientRandom, byte[] serverRandom) {
        Objects.requireNonNull(crypto, "crypto");
        SessionKeys original = original();
        byte[] master = original.masterSecret();
        try {
            return SessionKeys.resumed(original.suite(), master, clientRandom, serverRandom,
                    original.extendedMasterSecret());
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "ResumableSession[id " + HexFormat.of().formatHex(sessionId) + ", " + suite() + ", " + mode
                + ", peer " + peer.principal().getName() + ", secrets hidden]";
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sessionId);
    }
}
