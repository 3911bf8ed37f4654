package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.alert.AuthenticationFailedException;
import io.coaps4j.dtls.credentials.AnonymousPeer;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.handshake.message.Finished;

import java.security.MessageDigest;
import java.util.Locale;

/**
 * Checks the peer's Finished and turns the peer's {@link PeerClaim} into the proof an established session
 * is built from; the same check for every security mode, the evidence differs.
 */
public final class FinishedVerifier {

    private FinishedVerifier() {
    }

    /**
     * Checks {@code received}, the Finished of {@code sender}, against the transcript before it, in
     * constant time, and authenticates the peer on {@code claim}. An unknown PSK identity
     * ({@link PeerClaim#unknownPsk()}) fails like a wrong key, whatever the bytes (RFC 4279 section 2).
     *
     * @throws AuthenticationFailedException when the verify_data differs or the PSK identity was unknown
     */
    public static PeerAuthenticated verify(CryptoContext crypto, SessionKeys keys, ConnectionEnd sender,
                                           Transcript transcriptBeforeFinished, Finished received, PeerClaim claim)
            throws AuthenticationFailedException {
        byte[] expected = keys.verifyData(crypto, sender, transcriptBeforeFinished);
        boolean matches = MessageDigest.isEqual(expected, received.verifyData());
        // Both checks before the verdict: an unknown identity looks exactly like a wrong key.
        if (!matches || claim instanceof PeerClaim.UnknownPsk) {
            throw new AuthenticationFailedException("the " + sender.name().toLowerCase(Locale.ROOT)
                    + " Finished does not verify");
        }
        FinishedVerified finished = new FinishedVerified(sender, keys);
        if (claim instanceof PeerClaim.Psk psk) {
            return new PeerAuthenticated(psk.principal(), new PeerEvidence.PskFinished(finished));
        }
        if (claim instanceof PeerClaim.Resumed resumed) {
            ResumableSession original = resumed.session();
            return new PeerAuthenticated(original.principal(), new PeerEvidence.Resumed(original, finished, resumed.byTicket()));
        }
        if (claim instanceof PeerClaim.Anonymous) {
            return new PeerAuthenticated(AnonymousPeer.INSTANCE, new PeerEvidence.AnonymousFinished(finished));
        }
        SignatureVerified signature = ((PeerClaim.SignedKey) claim).signature();
        return new PeerAuthenticated(signature.key().principal(),
                new PeerEvidence.SignedHandshake(signature.key(), signature, finished));
    }
}
