package io.coaps4j.dtls.handshake;

import java.util.Objects;

/**
 * What a peer's authentication rests on, per security mode. Every kind ends in the peer's verified
 * Finished, which binds the evidence to this handshake's keys. Only the verifiers of this package make
 * evidence (DESIGN.md "Proof before trust").
 */
public sealed interface PeerEvidence permits PeerEvidence.PskFinished, PeerEvidence.SignedHandshake, PeerEvidence.AnonymousFinished,
        PeerEvidence.Resumed {

    /** The peer's Finished, verified under the session's keys. */
    FinishedVerified finished();

    /**
     * PreSharedKey: the Finished was computed from the key of a known identity, which shows the peer holds it
     * (RFC 4279 section 2, "The TLS handshake is authenticated using the Finished messages").
     */
    final class PskFinished implements PeerEvidence {
        private final FinishedVerified finished;

        PskFinished(FinishedVerified finished) {
            this.finished = Objects.requireNonNull(finished, "finished");
        }

        @Override
        public FinishedVerified finished() {
            return finished;
        }
    }

    /**
     * A client the server only wanted a certificate from and that sent none: its Finished verified, it is
     * {@link io.coaps4j.dtls.credentials.AnonymousPeer#INSTANCE}.
     */
    final class AnonymousFinished implements PeerEvidence {
        private final FinishedVerified finished;

        AnonymousFinished(FinishedVerified finished) {
            this.finished = Objects.requireNonNull(finished, "finished");
        }

        @Override
        public FinishedVerified finished() {
            return finished;
        }
    }

    /**
     * RawPublicKey and Certificate: the peer's key is trusted, its signature over the handshake verified with
     * that key (ServerKeyExchange, RFC 8422 section 5.4; CertificateVerify, RFC 5246 section 7.4.8), and its
     * Finished verified.
     */
    final class SignedHandshake implements PeerEvidence {
        private final PeerKeyTrusted key;
        private final SignatureVerified signature;
        private final FinishedVerified finished;

        SignedHandshake(PeerKeyTrusted key, SignatureVerified signature, FinishedVerified finished) {
            this.key = Objects.requireNonNull(key, "key");
            this.signature = Objects.requireNonNull(signature, "signature");
            this.finished = Objects.requireNonNull(finished, "finished");
            if (signature.key() != key) {
                throw new IllegalArgumentException("the signature was verified with another key than the trusted one");
            }
        }

        public PeerKeyTrusted key() {
            return key;
        }

        public SignatureVerified signature() {
            return signature;
        }

        @Override
        public FinishedVerified finished() {
            return finished;
        }
    }

    /**
     * An abbreviated handshake (RFC 5246 section 7.3): the session a full handshake proved, as this endpoint kept
     * it (its cache, or a ticket it sealed itself), and the peer's Finished verified under keys from that session's
     * master secret, which only a peer holding the session can compute.
     */
    final class Resumed implements PeerEvidence {
        private final ResumableSession original;
        private final FinishedVerified finished;
        private final boolean byTicket;

        Resumed(ResumableSession original, FinishedVerified finished, boolean byTicket) {
            this.original = Objects.requireNonNull(original, "original");
            this.finished = Objects.requireNonNull(finished, "finished");
            this.byTicket = byTicket;
        }

        /** Whether the session came from an RFC 5077 ticket rather than the session cache. */
        public boolean byTicket() {
            return byTicket;
        }

        /** The session that was resumed, kept from its full handshake. */
        public ResumableSession original() {
            return original;
        }

        @Override
        public FinishedVerified finished() {
            return finished;
        }
    }
}
