package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.credentials.PskPrincipal;

import java.util.Objects;

/**
 * Who the peer claims to be, as far as the handshake has checked before the peer's Finished; the Finished
 * turns a claim into {@link PeerAuthenticated} ({@link FinishedVerifier#verify}). The awaiting-Finished
 * states hold a claim, so they do not depend on the security mode.
 */
public sealed interface PeerClaim permits PeerClaim.Psk, PeerClaim.UnknownPsk, PeerClaim.SignedKey, PeerClaim.Anonymous,
        PeerClaim.Resumed {

    /** The claim of a PSK identity the store knows, whose key the session keys were derived from. */
    static PeerClaim psk(PskPrincipal principal) {
        return new Psk(Objects.requireNonNull(principal, "principal"));
    }

    /**
     * The claim of an identity the store does not know (or may not use here): the handshake went on with a
     * random key (RFC 4279 section 2) and the Finished fails like a wrong key, whatever its bytes.
     */
    static PeerClaim unknownPsk() {
        return UnknownPsk.INSTANCE;
    }

    /**
     * A client that sent no certificate to a server that only wanted one (RFC 5246 section 7.4.6): the Finished
     * shows it took part in this handshake, not who it is.
     */
    static PeerClaim anonymous() {
        return Anonymous.INSTANCE;
    }

    /**
     * The peer of a cached session that an abbreviated handshake resumes: its Finished under keys from that
     * session's master secret shows it holds the session (RFC 5246 section 7.3).
     */
    static PeerClaim resumed(ResumableSession session) {
        return resumed(session, false);
    }

    /** As {@link #resumed(ResumableSession)}; {@code byTicket}: the session came from an RFC 5077 ticket. */
    static PeerClaim resumed(ResumableSession session, boolean byTicket) {
        return new Resumed(Objects.requireNonNull(session, "session"), byTicket);
    }

    /** The peer of a resumed session. */
    final class Resumed implements PeerClaim {
        private final ResumableSession session;
        private final boolean byTicket;

        private Resumed(ResumableSession session, boolean byTicket) {
            this.session = session;
            this.byTicket = byTicket;
        }

        boolean byTicket() {
            return byTicket;
        }

        ResumableSession session() {
            return session;
        }
    }

    /** No identity: an unauthenticated client. */
    final class Anonymous implements PeerClaim {
        static final Anonymous INSTANCE = new Anonymous();

        private Anonymous() {
        }
    }

    /** A known PSK identity. */
    final class Psk implements PeerClaim {
        private final PskPrincipal principal;

        private Psk(PskPrincipal principal) {
            this.principal = principal;
        }

        PskPrincipal principal() {
            return principal;
        }
    }

    /** An unknown PSK identity: never authenticated. */
    final class UnknownPsk implements PeerClaim {
        static final UnknownPsk INSTANCE = new UnknownPsk();

        private UnknownPsk() {
        }
    }

    /** A trusted key whose signature over the handshake verified (RawPublicKey and Certificate modes). */
    final class SignedKey implements PeerClaim {
        private final SignatureVerified signature;

        SignedKey(SignatureVerified signature) {
            this.signature = Objects.requireNonNull(signature, "signature");
        }

        SignatureVerified signature() {
            return signature;
        }
    }
}
