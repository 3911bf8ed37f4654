package io.coaps4j.dtls.crypto;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;

/**
 * Just enough DER (X.690) to take apart and build the key structures OpenSSL writes: PKCS#8 PrivateKeyInfo
 * (RFC 5208), SEC1 ECPrivateKey (RFC 5915) and SubjectPublicKeyInfo (RFC 5480). Definite lengths only, as DER
 * requires; any inconsistency is an {@link InvalidKeySpecException}.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    /** [0] and [1], constructed, context-specific: the optional fields of ECPrivateKey and OneAsymmetricKey. */
    static final int CONTEXT_0 = 0xA0;
    static final int CONTEXT_1 = 0xA1;

    private Der() {
    }

    /** One element: its tag and the bytes of its contents. */
    record Element(int tag, byte[] contents) {
        Reader children() {
            return new Reader(contents);
        }

        Element expect(int expectedTag, String what) throws InvalidKeySpecException {
            if (tag != expectedTag) {
                throw new InvalidKeySpecException(what + ": expected DER tag 0x" + Integer.toHexString(expectedTag)
                        + ", found 0x" + Integer.toHexString(tag));
            }
            return this;
        }
    }

    /** Reads the elements of one level, in order. */
    static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        boolean hasMore() {
            return position < bytes.length;
        }

        Element next(String what) throws InvalidKeySpecException {
            if (position + 2 > bytes.length) {
                throw new InvalidKeySpecException(what + ": truncated DER");
            }
            int tag = bytes[position++] & 0xFF;
            int length = bytes[position++] & 0xFF;
            if (length >= 0x80) {
                int octets = length & 0x7F;
                if (octets == 0 || octets > 3 || position + octets > bytes.length) {
                    throw new InvalidKeySpecException(what + ": unsupported DER length");
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (bytes[position++] & 0xFF);
                }
            }
            if (length > bytes.length - position) {
                throw new InvalidKeySpecException(what + ": DER length past the end");
            }
            Element element = new Element(tag, Arrays.copyOfRange(bytes, position, position + length));
            position += length;
            return element;
        }

        /** The next element if it has {@code tag}, else nothing is consumed and null returned. */
        Element optional(int tag, String what) throws InvalidKeySpecException {
            return hasMore() && (bytes[position] & 0xFF) == tag ? next(what) : null;
        }
    }

    /** The whole of {@code bytes} as exactly one element. */
    static Element single(byte[] bytes, String what) throws InvalidKeySpecException {
        Reader reader = new Reader(bytes);
        Element element = reader.next(what);
        if (reader.hasMore()) {
            throw new InvalidKeySpecException(what + ": trailing bytes after the DER structure");
        }
        return element;
    }

    /** The dotted form of an OBJECT IDENTIFIER's contents, for messages. */
    static String oidToString(byte[] contents) {
        if (contents.length == 0) {
            return "(empty OID)";
        }
        StringBuilder text = new StringBuilder();
        BigInteger value = BigInteger.ZERO;
        boolean first = true;
        for (byte b : contents) {
            value = value.shiftLeft(7).or(BigInteger.valueOf(b & 0x7F));
            if ((b & 0x80) == 0) {
                if (first) {
                    int firstArc = value.compareTo(BigInteger.valueOf(80)) >= 0 ? 2 : value.intValue() / 40;
                    text.append(firstArc).append('.').append(value.subtract(BigInteger.valueOf(firstArc * 40L)));
                    first = false;
                } else {
                    text.append('.').append(value);
                }
                value = BigInteger.ZERO;
            }
        }
        return text.toString();
    }

    /** One element of {@code tag} holding {@code parts} concatenated. */
    static byte[] encode(int tag, byte[]... parts) {
        ByteArrayOutputStream contents = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            contents.writeBytes(part);
        }
        int length = contents.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 4);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length);
        }
        out.writeBytes(contents.toByteArray());
        return out.toByteArray();
    }
}
