package io.coaps4j.dtls.crypto;

import java.math.BigInteger;

/**
 * The strict form of an ECDSA signature on secp256r1 as TLS carries it: the DER {@code SEQUENCE { r INTEGER,
 * s INTEGER }} of RFC 3279 section 2.2.3 with both values in [1, n-1] (FIPS 186-4 section 6.4.2). Checked before
 * verifying, so that a malformed or out-of-range signature fails the same way on every provider and JDK.
 */
public final class EcdsaSignatureFormat {
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;

    private EcdsaSignatureFormat() {
    }

    /** Whether {@code der} is a DER ECDSA signature with r and s in [1, n-1] of secp256r1. */
    public static boolean isWellFormedP256(byte[] der) {
        // Short-form lengths only: two 33-byte integers and their headers fit in 127 bytes.
        if (der.length < 8 || der.length > 72 || (der[0] & 0xff) != SEQUENCE || (der[1] & 0xff) != der.length - 2) {
            return false;
        }
        int at = 2;
        for (int i = 0; i < 2; i++) {
            if (at + 2 > der.length || (der[at] & 0xff) != INTEGER) {
                return false;
            }
            int length = der[at + 1] & 0xff;
            at += 2;
            if (length < 1 || length > 33 || at + length > der.length) {
                return false;
            }
            if (!inRange(der, at, length)) {
                return false;
            }
            at += length;
        }
        return at == der.length;
    }

    private static boolean inRange(byte[] der, int at, int length) {
        boolean negative = (der[at] & 0x80) != 0;
        // DER is minimal: a leading zero only when the next byte's top bit is set.
        boolean padded = length > 1 && der[at] == 0 && (der[at + 1] & 0x80) == 0;
        if (negative || padded) {
            return false;
        }
        BigInteger value = new BigInteger(1, java.util.Arrays.copyOfRange(der, at, at + length));
        return value.signum() > 0 && value.compareTo(P256_ORDER) < 0;
    }
}
