package io.coaps4j.dtls.handshake;

import java.security.Principal;

/**
 * Proof that the peer is who the handshake says, with the principal it proved to be. Only
 * {@link FinishedVerifier} makes one: for PSK, knowing the key is shown by a Finished computed
 * from it (RFC 4279 section 2, "The TLS handshake is authenticated using the Finished messages").
 */
public final class PeerAuthenticated {
    private final Principal principal;
    private final FinishedVerified evidence;

    PeerAuthenticated(Principal principal, FinishedVerified evidence) {
        this.principal = principal;
        this.evidence = evidence;
    }

    public Principal principal() {
        return principal;
    }

    /** The Finished check this authentication rests on. */
    public FinishedVerified evidence() {
        return evidence;
    }
}
