package io.coaps4j.dtls.crypto;

import java.math.BigInteger;
import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.util.Objects;

/**
 * Checks and encodings of public keys for the public-key modes: whether a key can serve
 * TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 as RFC 7252 section 9.1.3.2 profiles it (an elliptic-curve key on
 * secp256r1, RFC 7251 section 2), and a key's SubjectPublicKeyInfo.
 */
public final class PublicKeys {
    private static final String ALGORITHM = "EC";
    /** The JCA name of the SubjectPublicKeyInfo encoding. */
    private static final String SUBJECT_PUBLIC_KEY_INFO = "X.509";
    /** The order of secp256r1's base point (SEC 2 section 2.4.2): names the curve together with the field size. */
    static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private PublicKeys() {
    }

    /** True when {@code key} is an EC key on secp256r1. */
    public static boolean isP256(Key key) {
        if (key instanceof P256PublicKey) {
            return true;
        }
        return key instanceof ECKey ec && ALGORITHM.equals(key.getAlgorithm())
                && ec.getParams().getCurve().getField().getFieldSize() == 256
                && ec.getParams().getOrder().equals(P256_ORDER);
    }

    /**
     * The DER-encoded SubjectPublicKeyInfo of {@code key} (RFC 5280 section 4.1.2.7), as raw public keys are
     * sent (RFC 7250 section 3) and named (RFC 6920 section 3).
     *
     * @throws IllegalArgumentException when the key does not encode as one
     */
    public static byte[] subjectPublicKeyInfo(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null || !SUBJECT_PUBLIC_KEY_INFO.equals(key.getFormat())) {
            throw new IllegalArgumentException("the key must encode as a SubjectPublicKeyInfo, was " + key.getFormat());
        }
        return encoded;
    }

    /**
     * The secp256r1 public key of a DER SubjectPublicKeyInfo (RFC 7250 section 3), in the compact form of
     * {@link #compact}. The named-curve form every secp256r1 key has in practice is read directly; any other
     * goes through the platform's key factory.
     *
     * @throws IllegalArgumentException when {@code encoded} is not one, or not on secp256r1
     */
    public static PublicKey fromSubjectPublicKeyInfo(byte[] encoded) {
        P256PublicKey named = P256PublicKey.ofNamedCurveEncoding(encoded);
        if (named != null) {
            return named;
        }
        PublicKey key;
        try {
            key = java.security.KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(encoded));
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an EC SubjectPublicKeyInfo: " + e.getMessage());
        }
        return compact(requireP256(key, "the SubjectPublicKeyInfo's key"));
    }

    /**
     * {@code key} as a key that holds only its 65-byte point, equal to it and usable wherever it is: what a
     * session keeps of a peer's key. Returns {@code key} itself when it is compact already or cannot be made so
     * (not on secp256r1, or its encoding is not the named-curve form).
     */
    public static PublicKey compact(PublicKey key) {
        if (key instanceof P256PublicKey || !isP256(key)) {
            return key;
        }
        byte[] encoded = key.getEncoded();
        P256PublicKey named = encoded == null ? null : P256PublicKey.ofNamedCurveEncoding(encoded);
        return named != null ? named : key;
    }

    /**
     * Returns {@code key} when it is an EC key on secp256r1.
     *
     * @throws IllegalArgumentException naming {@code what} otherwise
     */
    public static <K extends Key> K requireP256(K key, String what) {
        Objects.requireNonNull(key, what);
        if (!isP256(key)) {
            throw new IllegalArgumentException(what + " must be an EC key on secp256r1 (RFC 7252 section 9.1.3.2),"
                    + " was " + key.getAlgorithm() + " " + key.getClass().getSimpleName());
        }
        return key;
    }
}
