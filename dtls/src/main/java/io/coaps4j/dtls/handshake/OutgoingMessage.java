package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.handshake.message.HandshakeMessage;

import java.util.Objects;

/**
 * An item of a flight a handshake state wants sent. The state chooses the messages and their
 * message_seq; the connection chooses the records: items before a ChangeCipherSpec go out in the
 * current write epoch, items after it in the new one.
 */
public sealed interface OutgoingMessage permits OutgoingMessage.Handshake, OutgoingMessage.ChangeCipherSpec {

    static OutgoingMessage handshake(HandshakeMessage message, int messageSeq) {
        return new Handshake(message, messageSeq);
    }

    static OutgoingMessage changeCipherSpec() {
        return ChangeCipherSpec.INSTANCE;
    }

    /** A handshake message and its message_seq. */
    record Handshake(HandshakeMessage message, int messageSeq) implements OutgoingMessage {
        public Handshake {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The switch of the write epoch to the pending keys (RFC 5246 section 7.1). */
    final class ChangeCipherSpec implements OutgoingMessage {
        static final ChangeCipherSpec INSTANCE = new ChangeCipherSpec();

        private ChangeCipherSpec() {
        }
    }
}
