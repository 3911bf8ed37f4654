package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.credentials.SecurityMode;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.crypto.KeyDerivation;

import java.security.MessageDigest;
import java.security.Principal;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * What resumption needs of a completed full handshake (RFC 5246 section 7.3), and nothing more: session id,
 * master secret, suite, whether the master secret is the extended one (RFC 7627 section 5.3), the server name
 * and security mode it was made for, and the principal the peer proved to be. A server cache holds thousands,
 * so it keeps neither the randoms nor the key block nor the handshake's proof objects (a few hundred bytes each);
 * the same state, encoded by {@link SessionStateCodec}, is what a session ticket carries (RFC 5077 section 4).
 * It is made from the proof of a full handshake ({@link #of}), or from a state this endpoint sealed itself
 * ({@link SessionStateCodec#decode}). Never printed with its secret.
 */
public final class ResumableSession {
    /**
     * The session id followed by the master secret, in one array: a server's cache entry and the idle session it
     * was made with share it ({@link EstablishedSession}), and the cache's key is its id part ({@link #idAndMasterSecretShared}).
     */
    private final byte[] idAndMasterSecret;
    private final CipherSuite suite;
    private final boolean extendedMasterSecret;
    private final SecurityMode mode;
    private final Optional<String> serverName;
    private final Principal principal;
    /** Client: the RFC 5077 ticket the server sealed this session into, or null; a server's entries have none. */
    private final byte[] ticket;

    ResumableSession(byte[] sessionId, byte[] masterSecret, CipherSuite suite, boolean extendedMasterSecret,
                     SecurityMode mode, Optional<String> serverName, Principal principal) {
        this(joined(sessionId, masterSecret), suite, extendedMasterSecret, mode, serverName, principal, null);
    }

    private ResumableSession(byte[] idAndMasterSecret, CipherSuite suite, boolean extendedMasterSecret,
                     SecurityMode mode, Optional<String> serverName, Principal principal, byte[] ticket) {
        this.ticket = ticket;
        this.idAndMasterSecret = idAndMasterSecret;
        this.suite = Objects.requireNonNull(suite, "suite");
        this.extendedMasterSecret = extendedMasterSecret;
        this.mode = Objects.requireNonNull(mode, "mode");
        this.serverName = Objects.requireNonNull(serverName, "serverName");
        this.principal = Objects.requireNonNull(principal, "principal");
    }

    /** {@code sessionId} followed by {@code masterSecret}, which is cleared. */
    static byte[] joined(byte[] sessionId, byte[] masterSecret) {
        if (masterSecret.length != KeyDerivation.MASTER_SECRET_LENGTH) {
            throw new IllegalArgumentException("a master secret has " + KeyDerivation.MASTER_SECRET_LENGTH
                    + " bytes, not " + masterSecret.length);
        }
        byte[] joined = Arrays.copyOf(sessionId, sessionId.length + masterSecret.length);
        System.arraycopy(masterSecret, 0, joined, sessionId.length, masterSecret.length);
        Arrays.fill(masterSecret, (byte) 0);
        return joined;
    }

    /**
     * The session a full handshake with {@code sessionId} established, proven by {@code peer}; empty when it
     * cannot be resumed: no extended master secret, without which RFC 7627 section 5.3 forbids resumption (its
     * triple handshake attack). An empty id is allowed: a session resumed by ticket needs none (RFC 5077
     * section 3.4); a cache keeps only sessions with an id.
     */
    public static Optional<ResumableSession> of(byte[] sessionId, PeerAuthenticated peer, Optional<String> serverName,
                                                SecurityMode mode) {
        Objects.requireNonNull(peer, "peer");
        SessionKeys keys = peer.finished().keys();
        if (!keys.extendedMasterSecret()) {
            return Optional.empty();
        }
        if (peer.evidence() instanceof PeerEvidence.Resumed) {
            throw new IllegalArgumentException("a resumed session is cached from its original proof");
        }
        return Optional.of(new ResumableSession(sessionId, keys.masterSecret(), keys.suite(), true, mode,
                serverName, peer.principal()));
    }

    /** The same session under another id: a ticket's session resumed under the id of the new ServerHello. */
    public ResumableSession withSessionId(byte[] id) {
        return new ResumableSession(joined(id, masterSecret()), suite, extendedMasterSecret, mode, serverName,
                principal, ticket);
    }

    /** Client: the same session with the ticket the server sent for it (RFC 5077 section 3.3). */
    public ResumableSession withTicket(byte[] ticket) {
        return new ResumableSession(idAndMasterSecret, suite, extendedMasterSecret, mode, serverName, principal,
                ticket.clone());
    }

    /** Client: the ticket to present to resume this session (RFC 5077 section 3.4), if the server sent one. */
    public Optional<byte[]> ticket() {
        return ticket == null ? Optional.empty() : Optional.of(ticket.clone());
    }

    public byte[] sessionId() {
        return Arrays.copyOf(idAndMasterSecret, sessionIdLength());
    }

    private int sessionIdLength() {
        return idAndMasterSecret.length - KeyDerivation.MASTER_SECRET_LENGTH;
    }

    /**
     * The id followed by the master secret, the array itself, not a copy, so that a server cache's key and the
     * session established with it share it (an id, a master secret and two headers less per cached session); the
     * caller must not change it. The handshake package is not exported: nothing outside this module sees it.
     */
    public byte[] idAndMasterSecretShared() {
        return idAndMasterSecret;
    }

    public CipherSuite suite() {
        return suite;
    }

    public boolean extendedMasterSecret() {
        return extendedMasterSecret;
    }

    public Optional<String> serverName() {
        return serverName;
    }

    public SecurityMode mode() {
        return mode;
    }

    /** Who the peer proved to be in the full handshake. */
    public Principal principal() {
        return principal;
    }

    /** A copy of the master secret, for the codec; the caller clears it. */
    byte[] masterSecret() {
        return Arrays.copyOfRange(idAndMasterSecret, sessionIdLength(), idAndMasterSecret.length);
    }

    /** Whether {@code id} is this session's id, compared in constant time. */
    public boolean hasId(byte[] id) {
        byte[] own = sessionId();
        return MessageDigest.isEqual(own, id);
    }

    /** The keys of an abbreviated handshake with these randoms: the cached master secret, a new key block. */
    public SessionKeys keys(CryptoContext crypto, byte[] clientRandom, byte[] serverRandom) {
        Objects.requireNonNull(crypto, "crypto");
        byte[] master = masterSecret();
        try {
            return SessionKeys.resumed(suite, master, clientRandom, serverRandom, extendedMasterSecret);
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "ResumableSession[id " + HexFormat.of().formatHex(sessionId()) + ", " + suite + ", " + mode
                + ", peer " + principal.getName() + ", secrets hidden]";
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sessionId());
    }
}
