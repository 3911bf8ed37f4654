package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.ConnectionEnd;

import java.security.Principal;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * What a completed handshake established: session id, suite, the authenticated peer, whether the
 * extended master secret was used, the server name the client asked for, and the master secret
 * kept for resumption. It can only be made from the proofs the verifiers issue, and both proofs
 * must be about the same keys and about the peer, so no skipped or unchecked message can produce one.
 */
public final class EstablishedSession {
    private final byte[] sessionId;
    private final SessionKeys keys;
    private final Principal peer;
    private final ConnectionEnd localEnd;
    private final Optional<String> serverName;

    public EstablishedSession(ConnectionEnd localEnd, byte[] sessionId, FinishedVerified peerFinished,
                              PeerAuthenticated peerAuthenticated, Optional<String> serverName) {
        Objects.requireNonNull(localEnd, "localEnd");
        Objects.requireNonNull(peerFinished, "peerFinished");
        Objects.requireNonNull(peerAuthenticated, "peerAuthenticated");
        if (peerFinished.sender() != localEnd.peer()) {
            throw new IllegalArgumentException("the verified Finished is this side's own, not the peer's");
        }
        if (peerAuthenticated.evidence() != peerFinished) {
            throw new IllegalArgumentException("the authentication rests on another Finished than the one given");
        }
        this.localEnd = localEnd;
        this.sessionId = sessionId.clone();
        this.keys = peerFinished.keys();
        this.peer = peerAuthenticated.principal();
        this.serverName = Objects.requireNonNull(serverName, "serverName");
    }

    public byte[] sessionId() {
        return sessionId.clone();
    }

    public CipherSuite cipherSuite() {
        return keys.suite();
    }

    public boolean extendedMasterSecret() {
        return keys.extendedMasterSecret();
    }

    /** Who the peer proved to be. */
    public Principal peer() {
        return peer;
    }

    public ConnectionEnd localEnd() {
        return localEnd;
    }

    /** The server_name the client sent (RFC 6066), if any. */
    public Optional<String> serverName() {
        return serverName;
    }

    @Override
    public String toString() {
        return "EstablishedSession[" + localEnd + ", id " + HexFormat.of().formatHex(sessionId) + ", "
                + keys.suite() + ", peer " + peer.getName() + (keys.extendedMasterSecret() ? ", EMS" : "") + "]";
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
