package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.alert.AuthenticationFailedException;
import io.coaps4j.dtls.credentials.PskPrincipal;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.handshake.message.Finished;

import java.security.MessageDigest;
import java.util.Optional;

/** Checks the peer's Finished and issues the proofs an established session is built from. */
public final class FinishedVerifier {

    /** Both proofs of a PSK handshake. */
    public record PskProof(FinishedVerified finished, PeerAuthenticated peer) {
    }

    private FinishedVerifier() {
    }

    /**
     * Checks {@code received}, the Finished of {@code sender}, against the transcript before it, in
     * constant time. {@code principal} is empty when the server did not know the identity and went
     * on with a random key (RFC 4279 section 2): verification then fails like a wrong key, whatever
     * the bytes.
     *
     * @throws AuthenticationFailedException when the verify_data differs or the identity was unknown
     */
    public static PskProof verifyPsk(CryptoContext crypto, SessionKeys keys, ConnectionEnd sender,
                                     Transcript transcriptBeforeFinished, Finished received,
                                     Optional<PskPrincipal> principal) throws AuthenticationFailedException {
        byte[] expected = keys.verifyData(crypto, sender, transcriptBeforeFinished);
        boolean matches = MessageDigest.isEqual(expected, received.verifyData());
        if (!matches || principal.isEmpty()) {
            throw new AuthenticationFailedException("the " + sender.name().toLowerCase(java.util.Locale.ROOT)
                    + " Finished does not verify");
        }
        FinishedVerified finished = new FinishedVerified(sender, keys);
        return new PskProof(finished, new PeerAuthenticated(principal.get(), finished));
    }
}
