package io.coaps4j.dtls.credentials;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a peer presented in its Certificate message when this side refused it (RFC 5246 section 7.4.2, RFC 7250
 * section 3): its raw public key, or its X.509 chain as sent (its own certificate first). A refused handshake
 * carries it so that a user can be told which key to trust (its {@code ni:} identity or the certificate's
 * fingerprint), never to trust it automatically.
 */
public record PresentedCredentials(Optional<PublicKey> rawPublicKey, List<X509Certificate> certificateChain) {
    private static final PresentedCredentials NONE = new PresentedCredentials(Optional.empty(), List.of());

    public PresentedCredentials {
        Objects.requireNonNull(rawPublicKey, "rawPublicKey");
        certificateChain = List.copyOf(certificateChain);
        if (rawPublicKey.isPresent() && !certificateChain.isEmpty()) {
            throw new IllegalArgumentException("a peer presents a raw public key or a certificate chain, not both");
        }
    }

    /** Nothing presented, or nothing that decoded. */
    public static PresentedCredentials none() {
        return NONE;
    }

    /** A raw public key (RFC 7250). */
    public static PresentedCredentials rawPublicKey(PublicKey key) {
        return new PresentedCredentials(Optional.of(Objects.requireNonNull(key, "key")), List.of());
    }

    /** An X.509 chain, as the peer sent it. */
    public static PresentedCredentials certificates(List<X509Certificate> chain) {
        return new PresentedCredentials(Optional.empty(), chain);
    }

    /** Whether nothing was presented. */
    public boolean isEmpty() {
        return rawPublicKey.isEmpty() && certificateChain.isEmpty();
    }
}
