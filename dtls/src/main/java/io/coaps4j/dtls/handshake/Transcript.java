package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.handshake.message.HandshakeFragment;
import io.coaps4j.dtls.handshake.message.HandshakeType;

import java.util.Arrays;

/**
 * The handshake messages so far, as RFC 6347 section 4.2.6 hashes them: each with its full DTLS
 * header as if it had been sent as one fragment. Immutable: appending returns a new transcript, so
 * a handshake state owns exactly the messages known when it was made. The initial ClientHello and
 * the HelloVerifyRequest are never appended (RFC 6347 section 4.2.1).
 */
public final class Transcript {
    private static final Transcript EMPTY = new Transcript(new byte[0]);

    private final byte[] messages;

    private Transcript(byte[] messages) {
        this.messages = messages;
    }

    public static Transcript empty() {
        return EMPTY;
    }

    /** This transcript followed by the message {@code body} of {@code type} with {@code messageSeq}. */
    public Transcript append(HandshakeType type, int messageSeq, byte[] body) {
        int at = messages.length;
        byte[] next = Arrays.copyOf(messages, at + HandshakeFragment.HEADER_LENGTH + body.length);
        // msg_type, length, message_seq, fragment_offset 0, fragment_length = length (RFC 6347 section 4.2.2)
        next[at] = (byte) type.code();
        putUint24(next, at + 1, body.length);
        next[at + 4] = (byte) (messageSeq >>> 8);
        next[at + 5] = (byte) messageSeq;
        putUint24(next, at + 6, 0);
        putUint24(next, at + 9, body.length);
        System.arraycopy(body, 0, next, at + HandshakeFragment.HEADER_LENGTH, body.length);
        return new Transcript(next);
    }

    private static void putUint24(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 16);
        out[at + 1] = (byte) (value >>> 8);
        out[at + 2] = (byte) value;
    }

    /** SHA-256 of the messages (the PRF hash of every supported suite). */
    public byte[] hash(CryptoContext crypto) {
        return crypto.sha256(messages, 0, messages.length);
    }

    /** The messages themselves, what a CertificateVerify signs (RFC 5246 section 7.4.8); a copy. */
    public byte[] bytes() {
        return messages.clone();
    }

    /** Bytes of all messages, headers included. */
    public int length() {
        return messages.length;
    }
}
