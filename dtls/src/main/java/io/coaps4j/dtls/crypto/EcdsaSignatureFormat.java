package io.coaps4j.dtls.crypto;

/**
 * The strict form of an ECDSA signature on secp256r1 as TLS carries it: the DER {@code SEQUENCE { r INTEGER,
 * s INTEGER }} of RFC 3279 section 2.2.3 with both values in [1, n-1] (FIPS 186-4 section 6.4.2). Checked before
 * verifying, so that a malformed or out-of-range signature fails the same way on every provider and JDK. The
 * reading itself is {@link EcdsaDer}'s, the one both providers use.
 */
public final class EcdsaSignatureFormat {

    private EcdsaSignatureFormat() {
    }

    /** Whether {@code der} is a DER ECDSA signature with r and s in [1, n-1] of secp256r1. */
    public static boolean isWellFormedP256(byte[] der) {
        return EcdsaDer.decode(der, PublicKeys.P256_ORDER) != null;
    }
}
