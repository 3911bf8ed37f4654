package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.handshake.message.HandshakeFragment;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.WireWriter;

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
        WireWriter header = new WireWriter(HandshakeFragment.HEADER_LENGTH);
        header.uint8(type.code()).uint24(body.length).uint16(messageSeq).uint24(0).uint24(body.length);
        byte[] next = Arrays.copyOf(messages, messages.length + HandshakeFragment.HEADER_LENGTH + body.length);
        System.arraycopy(header.toByteArray(), 0, next, messages.length, HandshakeFragment.HEADER_LENGTH);
        System.arraycopy(body, 0, next, messages.length + HandshakeFragment.HEADER_LENGTH, body.length);
        return new Transcript(next);
    }

    /** SHA-256 of the messages (the PRF hash of every supported suite). */
    public byte[] hash(CryptoContext crypto) {
        return crypto.sha256(messages, 0, messages.length);
    }

    /** Bytes of all messages, headers included. */
    public int length() {
        return messages.length;
    }
}
