package io.coaps4j.coap.message;

import java.util.Optional;

/**
 * A datagram that is not a well-formed CoAP message (RFC 7252 section 3). When the 4-byte
 * header could be read, the type and message ID are kept so that the message layer can
 * reject a malformed CON with an RST (section 4.2) and silently ignore anything else.
 */
public final class MessageFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient MessageType type;
    private final int messageId;

    private MessageFormatException(String reason, MessageType type, int messageId) {
        super(reason, null, false, false);
        this.type = type;
        this.messageId = messageId;
    }

    /** The header itself is unusable (too short, wrong version): the datagram is silently ignored. */
    public static MessageFormatException unreadableHeader(String reason) {
        return new MessageFormatException(reason, null, -1);
    }

    /** The header was read but the rest is malformed. */
    public static MessageFormatException malformed(String reason, MessageType type, int messageId) {
        return new MessageFormatException(reason, type, messageId);
    }

    /** The type from the header, when it could be read. */
    public Optional<MessageType> type() {
        return Optional.ofNullable(type);
    }

    /** The message ID from the header, or -1 when it could not be read. */
    public int messageId() {
        return messageId;
    }

    /** True when the message layer must answer with an RST: a malformed CON (section 4.2). */
    public boolean requiresReset() {
        return type == MessageType.CON;
    }
}
