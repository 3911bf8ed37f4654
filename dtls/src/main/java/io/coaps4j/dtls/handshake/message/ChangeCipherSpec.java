package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;

/**
 * The ChangeCipherSpec message (RFC 5246 section 7.1): its own content type, one byte of value 1.
 * Not a handshake message, but part of the Finished's flight (RFC 6347 section 4.2.5).
 */
public final class ChangeCipherSpec {
    public static final int VALUE = 1;
    private static final byte[] ENCODED = {VALUE};

    private ChangeCipherSpec() {
    }

    /** The one-byte fragment. */
    public static byte[] encode() {
        return ENCODED.clone();
    }

    /** Checks a received ChangeCipherSpec fragment. */
    public static void decode(byte[] data, int offset, int length) throws DecodeException {
        if (length != 1 || data[offset] != VALUE) {
            throw new DecodeException("ChangeCipherSpec must be the single byte 1");
        }
    }
}
