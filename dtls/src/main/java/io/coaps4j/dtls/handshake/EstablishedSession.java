package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.credentials.SecurityMode;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.crypto.KeyDerivation;

import java.security.Principal;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * What a completed handshake established: session id, suite, the authenticated peer, whether the
 * extended master secret was used, the server name the client asked for, and the master secret
 * kept for resumption. It can only be made from the proof the verifiers issue, which rests on the
 * peer's verified Finished under the session's keys, so no skipped or unchecked message can produce one.
 */
public final class EstablishedSession {
    /**
     * The session id followed by the master secret, in one array because every idle session keeps
     * them; the randoms the keys were derived from are not kept (the key block exists already).
     */
    private final byte[] idAndMasterSecret;
    /** The four facts below, as bits: every idle session keeps one, and a byte costs less than four fields. */
    private static final int EXTENDED_MASTER_SECRET = 1;
    private static final int RESUMED = 2;
    private static final int RESUMED_BY_TICKET = 4;
    private static final int LOCAL_CLIENT = 8;

    private final CipherSuite suite;
    private final Principal peer;
    private final Optional<String> serverName;
    private final byte flags;

    /**
     * @param peerAuthenticated the proof of the peer, resting on its verified Finished, whose keys are the session's
     */
    public EstablishedSession(ConnectionEnd localEnd, byte[] sessionId, PeerAuthenticated peerAuthenticated,
                              Optional<String> serverName) {
        this(localEnd, sessionId, peerAuthenticated, serverName, Optional.empty());
    }

    /**
     * As above, sharing the id and master secret with {@code cached}, the resumable session made of the same proof
     * for a server's cache: a cached idle session keeps them once.
     */
    public EstablishedSession(ConnectionEnd localEnd, byte[] sessionId, PeerAuthenticated peerAuthenticated,
                              Optional<String> serverName, Optional<ResumableSession> cached) {
        Objects.requireNonNull(localEnd, "localEnd");
        Objects.requireNonNull(peerAuthenticated, "peerAuthenticated");
        FinishedVerified peerFinished = peerAuthenticated.finished();
        if (peerFinished.sender() != localEnd.peer()) {
            throw new IllegalArgumentException("the verified Finished is this side's own, not the peer's");
        }
        SessionKeys keys = peerFinished.keys();
        if (cached.isPresent() && cached.get().hasId(sessionId)) {
            this.idAndMasterSecret = cached.get().idAndMasterSecretShared();
        } else {
            this.idAndMasterSecret = ResumableSession.joined(sessionId, keys.masterSecret());
        }
        this.suite = keys.suite();

        this.peer = peerAuthenticated.principal();
        this.serverName = Objects.requireNonNull(serverName, "serverName");
        boolean resumed = peerAuthenticated.evidence() instanceof PeerEvidence.Resumed;
        boolean byTicket = peerAuthenticated.evidence() instanceof PeerEvidence.Resumed r && r.byTicket();
        this.flags = flags(localEnd, keys.extendedMasterSecret(), resumed, byTicket);
    }

    private EstablishedSession(ConnectionEnd localEnd, ResumableSession state, boolean resumed) {
        Objects.requireNonNull(localEnd, "localEnd");
        this.idAndMasterSecret = ResumableSession.joined(state.sessionId(), state.masterSecret());
        this.suite = state.suite();

        this.peer = state.principal();
        this.serverName = state.serverName();
        this.flags = flags(localEnd, state.extendedMasterSecret(), resumed, false);
    }

    private static byte flags(ConnectionEnd localEnd, boolean extendedMasterSecret, boolean resumed,
                              boolean resumedByTicket) {
        return (byte) ((extendedMasterSecret ? EXTENDED_MASTER_SECRET : 0) | (resumed ? RESUMED : 0)
                | (resumedByTicket ? RESUMED_BY_TICKET : 0) | (localEnd == ConnectionEnd.CLIENT ? LOCAL_CLIENT : 0));
    }

    private boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /**
     * A session this endpoint established before a restart and exported sealed under its own key (graceful
     * restart): the proof was checked when it was established; the seal shows this endpoint wrote the state.
     */
    public static EstablishedSession restored(ConnectionEnd localEnd, ResumableSession state, boolean resumed) {
        return new EstablishedSession(localEnd, state, resumed);
    }

    /** The state an export carries of this session, in {@link SessionStateCodec}'s terms. */
    public ResumableSession exportState() {
        SecurityMode mode = suite.keyExchange() == CipherSuite.KeyExchange.PSK ? SecurityMode.PRE_SHARED_KEY
                : peer instanceof io.coaps4j.dtls.credentials.RawPublicKeyPrincipal ? SecurityMode.RAW_PUBLIC_KEY
                : SecurityMode.CERTIFICATE;
        return new ResumableSession(sessionId(), masterSecret(), suite, extendedMasterSecret(), mode, serverName, peer);
    }

    /** Whether an abbreviated handshake resumed this session (RFC 5246 section 7.3). */
    public boolean resumed() {
        return has(RESUMED);
    }

    /** Whether it was resumed from an RFC 5077 session ticket. */
    public boolean resumedByTicket() {
        return has(RESUMED_BY_TICKET);
    }

    public byte[] sessionId() {
        return Arrays.copyOf(idAndMasterSecret, sessionIdLength());
    }

    private int sessionIdLength() {
        return idAndMasterSecret.length - KeyDerivation.MASTER_SECRET_LENGTH;
    }

    /** The master secret, for session resumption (RFC 5246 section 7.3). */
    byte[] masterSecret() {
        return Arrays.copyOfRange(idAndMasterSecret, sessionIdLength(), idAndMasterSecret.length);
    }

    public CipherSuite cipherSuite() {
        return suite;
    }

    public boolean extendedMasterSecret() {
        return has(EXTENDED_MASTER_SECRET);
    }

    /** Who the peer proved to be. */
    public Principal peer() {
        return peer;
    }

    public ConnectionEnd localEnd() {
        return has(LOCAL_CLIENT) ? ConnectionEnd.CLIENT : ConnectionEnd.SERVER;
    }

    /** The server_name the client sent (RFC 6066), if any. */
    public Optional<String> serverName() {
        return serverName;
    }

    @Override
    public String toString() {
        return "EstablishedSession[" + localEnd() + ", id " + HexFormat.of().formatHex(sessionId()) + ", "
                + suite + ", peer " + peer.getName() + (extendedMasterSecret() ? ", EMS" : "")
                + (resumed() ? ", resumed" : "") + "]";
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
