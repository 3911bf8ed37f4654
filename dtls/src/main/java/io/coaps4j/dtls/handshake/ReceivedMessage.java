package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.handshake.message.HandshakeType;

import java.util.Objects;
import java.util.Optional;

/**
 * A reassembled handshake message as it came from the peer: raw type, message_seq, the epoch of its
 * records and the body. The handshake state that expects it decodes the body, since the body's
 * format can depend on the negotiated key exchange.
 */
public final class ReceivedMessage {
    private final int type;
    private final int messageSeq;
    private final int epoch;
    private final byte[] body;

    public ReceivedMessage(int type, int messageSeq, int epoch, byte[] body) {
        this.type = type;
        this.messageSeq = messageSeq;
        this.epoch = epoch;
        this.body = Objects.requireNonNull(body, "body");
    }

    /** The type, or empty when the peer sent a type this library does not know. */
    public Optional<HandshakeType> type() {
        return HandshakeType.of(type);
    }

    public int rawType() {
        return type;
    }

    public boolean is(HandshakeType expected) {
        return type == expected.code();
    }

    public int messageSeq() {
        return messageSeq;
    }

    public int epoch() {
        return epoch;
    }

    /** The body; owned by this message, not to be modified. */
    public byte[] body() {
        return body;
    }

    @Override
    public String toString() {
        return "ReceivedMessage(" + type().map(Enum::name).orElse("type " + type) + ", seq " + messageSeq
                + ", epoch " + epoch + ", " + body.length + " bytes)";
    }
}
