package io.coaps4j.dtls.handshake;

import java.security.Principal;

/**
 * Proof that the peer is who the handshake says, with the principal it proved to be and the evidence it
 * rests on, which depends on the security mode ({@link PeerEvidence}). Only {@link FinishedVerifier} makes
 * one, and always from a verified Finished.
 */
public final class PeerAuthenticated {
    private final Principal principal;
    private final PeerEvidence evidence;

    PeerAuthenticated(Principal principal, PeerEvidence evidence) {
        this.principal = principal;
        this.evidence = evidence;
    }

    public Principal principal() {
        return principal;
    }

    /** What this authentication rests on. */
    public PeerEvidence evidence() {
        return evidence;
    }

    /** The peer's verified Finished, which every kind of evidence ends in. */
    public FinishedVerified finished() {
        return evidence.finished();
    }
}
