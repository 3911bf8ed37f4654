package io.coaps4j.dtls.flight;

import io.coaps4j.dtls.handshake.message.ChangeCipherSpec;
import io.coaps4j.dtls.handshake.message.HandshakeMessage;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.SecurityAssociation;

import java.util.Objects;

/**
 * One message of an outgoing flight and the association (epoch) it is protected with. The
 * association is fixed when the flight is made: a retransmission sends the message in the same
 * epoch again, with new record sequence numbers (RFC 6347 section 4.2.4).
 */
public final class FlightMessage {
    private final ContentType contentType;
    private final int handshakeType;
    private final int messageSeq;
    private final byte[] body;
    private final SecurityAssociation association;

    private FlightMessage(ContentType contentType, int handshakeType, int messageSeq, byte[] body,
                          SecurityAssociation association) {
        this.contentType = contentType;
        this.handshakeType = handshakeType;
        this.messageSeq = messageSeq;
        this.body = body;
        this.association = Objects.requireNonNull(association, "association");
    }

    /** A handshake message with its message_seq. */
    public static FlightMessage handshake(HandshakeMessage message, int messageSeq, SecurityAssociation association) {
        return handshake(message.type(), messageSeq, message.encodeBody(), association);
    }

    /** A handshake message already encoded. */
    public static FlightMessage handshake(HandshakeType type, int messageSeq, byte[] body, SecurityAssociation association) {
        if (messageSeq < 0 || messageSeq > 0xFFFF) {
            throw new IllegalArgumentException("message_seq must be 0..65535, was " + messageSeq);
        }
        return new FlightMessage(ContentType.HANDSHAKE, type.code(), messageSeq, body.clone(), association);
    }

    /** A ChangeCipherSpec, sent in the epoch it ends. */
    public static FlightMessage changeCipherSpec(SecurityAssociation association) {
        return new FlightMessage(ContentType.CHANGE_CIPHER_SPEC, -1, -1, ChangeCipherSpec.encode(), association);
    }

    public ContentType contentType() {
        return contentType;
    }

    public boolean isHandshake() {
        return contentType == ContentType.HANDSHAKE;
    }

    public int handshakeType() {
        return handshakeType;
    }

    public int messageSeq() {
        return messageSeq;
    }

    int bodyLength() {
        return body.length;
    }

    byte[] body() {
        return body;
    }

    public SecurityAssociation association() {
        return association;
    }

    @Override
    public String toString() {
        return isHandshake()
                ? "FlightMessage(" + HandshakeType.of(handshakeType).map(Enum::name).orElse("type " + handshakeType)
                        + ", seq " + messageSeq + ", epoch " + association.epoch() + ")"
                : "FlightMessage(ChangeCipherSpec, epoch " + association.epoch() + ")";
    }
}
