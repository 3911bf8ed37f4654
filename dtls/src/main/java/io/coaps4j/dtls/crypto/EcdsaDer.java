package io.coaps4j.dtls.crypto;

import java.math.BigInteger;

/**
 * The strict reading of an ECDSA signature as TLS carries it: the DER encoding of ECDSA-Sig-Value, a SEQUENCE
 * of the two INTEGERs r and s (RFC 8422 section 5.4, RFC 3279 section 2.2.3), each in [1, n-1] (FIPS 186-4
 * section 6.4.2). Both providers read signatures through it, so a malleable or out-of-range encoding is
 * refused the same way whatever the provider would tolerate (SunEC reads a negative INTEGER as positive).
 */
final class EcdsaDer {
    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;
    /** The longest INTEGER of a 256-bit value: 32 bytes and a leading zero. */
    private static final int MAX_INTEGER_LENGTH = 33;

    private EcdsaDer() {
    }

    /**
     * r and s of {@code der} when it is the DER encoding of two positive INTEGERs below {@code order}, with no
     * trailing bytes; null otherwise.
     */
    static BigInteger[] decode(byte[] der, BigInteger order) {
        // Every length here is below 128, so DER allows only the one-byte short form (X.690 section 10.1).
        if (der.length < 2 || (der[0] & 0xff) != SEQUENCE || (der[1] & 0xff) != der.length - 2) {
            return null;
        }
        int rAt = 2;
        BigInteger r = integer(der, rAt);
        if (r == null) {
            return null;
        }
        int sAt = rAt + 2 + (der[rAt + 1] & 0xff);
        BigInteger s = integer(der, sAt);
        if (s == null || sAt + 2 + (der[sAt + 1] & 0xff) != der.length) {
            return null;
        }
        return inRange(r, order) && inRange(s, order) ? new BigInteger[] {r, s} : null;
    }

    /** The non-negative INTEGER encoded minimally at {@code at}, null when there is none. */
    private static BigInteger integer(byte[] der, int at) {
        if (at + 2 > der.length || (der[at] & 0xff) != INTEGER) {
            return null;
        }
        int length = der[at + 1] & 0xff;
        int content = at + 2;
        if (length == 0 || length > MAX_INTEGER_LENGTH || content + length > der.length) {
            return null;
        }
        if ((der[content] & 0x80) != 0) {
            return null; // a negative INTEGER
        }
        if (der[content] == 0 && length > 1 && (der[content + 1] & 0x80) == 0) {
            return null; // a leading zero that DER forbids (X.690 section 8.3.2)
        }
        byte[] magnitude = new byte[length];
        System.arraycopy(der, content, magnitude, 0, length);
        return new BigInteger(1, magnitude);
    }

    private static boolean inRange(BigInteger value, BigInteger order) {
        return value.signum() > 0 && value.compareTo(order) < 0;
    }
}
