package io.coaps4j.coap.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes and decodes the CoAP message format (RFC 7252 section 3). Stateless and thread-safe.
 *
 * <p>The decoder checks the wire format only; what the options mean is checked by
 * {@link OptionRegistry}, and what the type/code combination means by the message layer
 * (section 4.2: reserved code classes, requests in an ACK, non-empty RST).
 *
 * <p>Both directions sit on the per-packet path: decoding copies the bytes after the token once
 * and lets the options and payload view that copy; neither direction boxes, streams or
 * allocates per option beyond the {@link Option} itself. The encoding is canonical (shortest
 * extended fields), so {@code encode(decode(bytes))} gives back {@code bytes} for every datagram
 * that decodes.
 */
public final class MessageCodec {
    private static final int VERSION = 1;
    private static final int HEADER_LENGTH = 4;
    private static final int PAYLOAD_MARKER = 0xFF;
    /** Extended field forms (section 3.1): nibble 13 adds one byte to 13, nibble 14 two bytes to 269. */
    private static final int EXTENDED_BYTE = 13;
    private static final int EXTENDED_SHORT = 14;
    private static final int RESERVED_NIBBLE = 15;
    private static final int BYTE_BASE = 13;
    private static final int SHORT_BASE = 269;

    private MessageCodec() {
    }

    /** The encoded size of {@code message} in bytes. */
    public static int encodedLength(Message message) {
        return HEADER_LENGTH + message.token().length() + optionsAndPayloadLength(message);
    }

    private static int optionsAndPayloadLength(Message message) {
        int length = 0;
        int previous = 0;
        List<Option> options = message.options();
        for (int i = 0, n = options.size(); i < n; i++) {
            Option option = options.get(i);
            int delta = option.number() - previous;
            length += 1 + extendedLength(delta) + extendedLength(option.length()) + option.length();
            previous = option.number();
        }
        if (message.payloadLength() > 0) {
            length += 1 + message.payloadLength();
        }
        return length;
    }

    /** The datagram bytes of {@code message}. */
    public static byte[] encode(Message message) {
        byte[] out = new byte[encodedLength(message)];
        write(message, message.type(), message.messageId(), message.token(), out, 0);
        return out;
    }

    /**
     * The datagram bytes of {@code message} sent with this type, message ID and token: the bytes
     * of {@code message.withHeader(type, messageId, token)} without making that copy, for the
     * message layer, which fills in these fields on every message it sends.
     *
     * @throws IllegalArgumentException when the message ID is not 0..65535, or a token is given
     *     for an Empty message (RFC 7252 section 4.1)
     */
    public static byte[] encode(Message message, MessageType type, int messageId, Token token) {
        if (messageId < 0 || messageId > 0xFFFF) {
            throw new IllegalArgumentException("message ID must be 0..65535, was " + messageId);
        }
        if (message.code().isEmpty() && token.length() != 0) {
            throw new IllegalArgumentException("an Empty message (code 0.00) has no token (RFC 7252 section 4.1)");
        }
        byte[] out = new byte[HEADER_LENGTH + token.length() + optionsAndPayloadLength(message)];
        write(message, type, messageId, token, out, 0);
        return out;
    }

    /**
     * Writes {@code message} into {@code out} at {@code offset}; returns the number of bytes written.
     *
     * @throws IndexOutOfBoundsException when {@code out} has fewer than {@link #encodedLength}
     *     bytes after {@code offset}; nothing is written then
     */
    public static int encode(Message message, byte[] out, int offset) {
        int needed = encodedLength(message);
        if (offset < 0 || needed > out.length - offset) {
            throw new IndexOutOfBoundsException("message needs " + needed + " bytes, buffer has "
                    + (out.length - offset) + " after offset " + offset);
        }
        return write(message, message.type(), message.messageId(), message.token(), out, offset);
    }

    /** Writes {@code message} with the given header fields in place of its own. */
    private static int write(Message message, MessageType type, int messageId, Token token, byte[] out, int offset) {
        int p = offset;
        out[p++] = (byte) (VERSION << 6 | type.value() << 4 | token.length());
        out[p++] = (byte) message.code().value();
        out[p++] = (byte) (messageId >>> 8);
        out[p++] = (byte) messageId;
        token.copyTo(out, p);
        p += token.length();
        int previous = 0;
        List<Option> options = message.options();
        for (int i = 0, n = options.size(); i < n; i++) {
            Option option = options.get(i);
            int delta = option.number() - previous;
            int length = option.length();
            out[p++] = (byte) (nibble(delta) << 4 | nibble(length));
            p = writeExtended(delta, out, p);
            p = writeExtended(length, out, p);
            option.copyValueTo(out, p);
            p += length;
            previous = option.number();
        }
        if (message.payloadLength() > 0) {
            out[p++] = (byte) PAYLOAD_MARKER;
            message.copyPayloadTo(out, p);
            p += message.payloadLength();
        }
        return p - offset;
    }

    /** Decodes a whole datagram. */
    public static Message decode(byte[] datagram) throws MessageFormatException {
        return decode(datagram, 0, datagram.length);
    }

    /**
     * Decodes {@code length} bytes of {@code data} starting at {@code offset}. The message keeps
     * no reference to {@code data}, so the caller may reuse its receive buffer at once.
     *
     * @throws MessageFormatException when the bytes are not a CoAP message: {@linkplain
     *     MessageFormatException#type() without a type} when the header is unusable (shorter than
     *     4 bytes, or a version other than 1, which section 3 says to ignore silently), with the
     *     type and message ID otherwise so that a malformed CON can be answered with an RST
     */
    public static Message decode(byte[] data, int offset, int length) throws MessageFormatException {
        if (offset < 0 || length < 0 || length > data.length - offset) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " outside " + data.length + " bytes");
        }
        if (length < HEADER_LENGTH) {
            throw MessageFormatException.unreadableHeader("message of " + length + " bytes is shorter than the 4-byte header");
        }
        int first = data[offset] & 0xff;
        int version = first >>> 6;
        if (version != VERSION) {
            throw MessageFormatException.unreadableHeader("unknown version " + version);
        }
        MessageType type = MessageType.of((first >>> 4) & 3);
        int tokenLength = first & 0x0f;
        Code code = Code.of(data[offset + 1] & 0xff);
        int messageId = (data[offset + 2] & 0xff) << 8 | (data[offset + 3] & 0xff);
        if (tokenLength > Token.MAX_LENGTH) {
            throw MessageFormatException.malformed("token length " + tokenLength + " is reserved", type, messageId);
        }
        if (code.isEmpty()) {
            // Section 4.1: an Empty message has TKL 0 and no bytes after the Message ID.
            if (tokenLength != 0) {
                throw MessageFormatException.malformed("empty message with token length " + tokenLength,
                        type, messageId);
            }
            if (length != HEADER_LENGTH) {
                throw MessageFormatException.malformed("empty message with " + (length - HEADER_LENGTH)
                        + " bytes after the header", type, messageId);
            }
            return Message.empty(type, messageId);
        }
        int tokenStart = offset + HEADER_LENGTH;
        int bodyStart = tokenStart + tokenLength;
        int end = offset + length;
        if (bodyStart > end) {
            throw MessageFormatException.malformed("token of " + tokenLength + " bytes runs past the end", type, messageId);
        }
        Token token = Token.of(data, tokenStart, tokenLength);
        if (bodyStart == end) {
            return Message.trusted(type, code, messageId, token, List.of(), null, 0, 0);
        }
        // One copy of everything after the token; options and payload are views into it.
        byte[] body = Arrays.copyOfRange(data, bodyStart, end);
        return decodeBody(body, type, code, messageId, token);
    }

    private static Message decodeBody(byte[] body, MessageType type, Code code, int messageId, Token token)
            throws MessageFormatException {
        int end = body.length;
        int p = 0;
        int number = 0;
        List<Option> options = null;
        while (p < end) {
            int header = body[p++] & 0xff;
            if (header == PAYLOAD_MARKER) {
                if (p == end) {
                    throw MessageFormatException.malformed("payload marker followed by no payload", type, messageId);
                }
                return Message.trusted(type, code, messageId, token, options == null ? List.of() : options,
                        body, p, end - p);
            }
            int delta = header >>> 4;
            int valueLength = header & 0x0f;
            if (delta == RESERVED_NIBBLE) {
                throw MessageFormatException.malformed("option delta 15 in a byte other than the payload marker",
                        type, messageId);
            }
            if (valueLength == RESERVED_NIBBLE) {
                throw MessageFormatException.malformed("option length 15 is reserved", type, messageId);
            }
            if (delta == EXTENDED_BYTE) {
                if (p >= end) {
                    throw MessageFormatException.malformed("extended option delta runs past the end", type, messageId);
                }
                delta = BYTE_BASE + (body[p++] & 0xff);
            } else if (delta == EXTENDED_SHORT) {
                if (p + 2 > end) {
                    throw MessageFormatException.malformed("extended option delta runs past the end", type, messageId);
                }
                delta = SHORT_BASE + ((body[p] & 0xff) << 8 | (body[p + 1] & 0xff));
                p += 2;
            }
            if (valueLength == EXTENDED_BYTE) {
                if (p >= end) {
                    throw MessageFormatException.malformed("extended option length runs past the end", type, messageId);
                }
                valueLength = BYTE_BASE + (body[p++] & 0xff);
            } else if (valueLength == EXTENDED_SHORT) {
                if (p + 2 > end) {
                    throw MessageFormatException.malformed("extended option length runs past the end", type, messageId);
                }
                valueLength = SHORT_BASE + ((body[p] & 0xff) << 8 | (body[p + 1] & 0xff));
                p += 2;
            }
            number += delta;
            if (number > 0xFFFF) {
                throw MessageFormatException.malformed("option number " + number + " is past 65535", type, messageId);
            }
            if (valueLength > end - p) {
                throw MessageFormatException.malformed("value of option " + number + " (" + valueLength
                        + " bytes) runs past the end", type, messageId);
            }
            if (options == null) {
                options = new ArrayList<>(8);
            }
            options.add(Option.wrap(number, body, p, valueLength));
            p += valueLength;
        }
        return Message.trusted(type, code, messageId, token, options == null ? List.of() : options, null, 0, 0);
    }

    private static int nibble(int value) {
        return value < BYTE_BASE ? value : value < SHORT_BASE ? EXTENDED_BYTE : EXTENDED_SHORT;
    }

    private static int extendedLength(int value) {
        return value < BYTE_BASE ? 0 : value < SHORT_BASE ? 1 : 2;
    }

    private static int writeExtended(int value, byte[] out, int p) {
        if (value >= SHORT_BASE) {
            int extended = value - SHORT_BASE;
            out[p++] = (byte) (extended >>> 8);
            out[p++] = (byte) extended;
        } else if (value >= BYTE_BASE) {
            out[p++] = (byte) (value - BYTE_BASE);
        }
        return p;
    }
}
