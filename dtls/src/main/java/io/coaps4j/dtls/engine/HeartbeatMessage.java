package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.crypto.RandomSource;
import io.coaps4j.dtls.record.SecurityAssociation;

import java.util.Arrays;

/**
 * A HeartbeatMessage (RFC 6520 section 4): type, payload_length, payload, and at least 16 bytes of random
 * padding that the receiver ignores. Decoding is where Heartbleed is stopped: a payload_length that does not
 * leave room for the minimum padding within the record, a message longer than 2^14 bytes or of unknown type
 * decodes to null, and the caller discards it silently.
 */
record HeartbeatMessage(int type, byte[] payload) {
    static final int REQUEST = 1;
    static final int RESPONSE = 2;
    /** "The padding_length MUST be at least 16" (RFC 6520 section 4). */
    static final int MIN_PADDING = 16;
    /** type (1) and payload_length (2). */
    static final int HEADER = 3;
    /** The longest payload a message can carry: one record less the header and the minimum padding. */
    static final int MAX_PAYLOAD = SecurityAssociation.MAX_PLAINTEXT_LENGTH - HEADER - MIN_PADDING;

    /** The message in {@code plaintext}, a whole record's; null when it must be discarded silently. */
    static HeartbeatMessage decode(byte[] plaintext) {
        int length = plaintext.length;
        if (length < HEADER + MIN_PADDING || length > SecurityAssociation.MAX_PLAINTEXT_LENGTH) {
            return null;
        }
        int type = plaintext[0] & 0xFF;
        int payloadLength = ((plaintext[1] & 0xFF) << 8) | (plaintext[2] & 0xFF);
        if ((type != REQUEST && type != RESPONSE) || HEADER + payloadLength + MIN_PADDING > length) {
            return null; // payload_length "too large": discarded silently (section 4)
        }
        return new HeartbeatMessage(type, Arrays.copyOfRange(plaintext, HEADER, HEADER + payloadLength));
    }

    /** The wire form with {@link #MIN_PADDING} fresh random bytes of padding. */
    byte[] encode(RandomSource random) {
        byte[] bytes = new byte[HEADER + payload.length + MIN_PADDING];
        bytes[0] = (byte) type;
        bytes[1] = (byte) (payload.length >>> 8);
        bytes[2] = (byte) payload.length;
        System.arraycopy(payload, 0, bytes, HEADER, payload.length);
        random.nextBytes(bytes, HEADER + payload.length, MIN_PADDING);
        return bytes;
    }

    boolean isRequest() {
        return type == REQUEST;
    }
}
