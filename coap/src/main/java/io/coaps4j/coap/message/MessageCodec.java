package io.coaps4j.coap.message;

import java.util.ArrayList;
import java.util.List;

/** Encodes and decodes the CoAP message format (RFC 7252 section 3). Stateless and thread-safe. */
public final class MessageCodec {
    private static final int VERSION = 1;
    private static final int PAYLOAD_MARKER = 0xFF;

    private MessageCodec() {
    }

    /** The encoded size of {@code message} in bytes. */
    public static int encodedLength(Message message) {
        int length = 4 + message.token().length();
        int previous = 0;
        for (Option option : message.options()) {
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
        encode(message, out, 0);
        return out;
    }

    /** Writes {@code message} into {@code out} at {@code offset}; returns the number of bytes written. */
    public static int encode(Message message, byte[] out, int offset) {
        int p = offset;
        out[p++] = (byte) (VERSION << 6 | message.type().value() << 4 | message.token().length());
        out[p++] = (byte) message.code().value();
        out[p++] = (byte) (message.messageId() >>> 8);
        out[p++] = (byte) message.messageId();
        message.token().copyTo(out, p);
        p += message.token().length();
        int previous = 0;
        for (Option option : message.options()) {
            int delta = option.number() - previous;
            int length = option.length();
            int header = p++;
            out[header] = (byte) (nibble(delta) << 4 | nibble(length));
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

    /** Decodes {@code length} bytes of {@code data} starting at {@code offset}. */
    public static Message decode(byte[] data, int offset, int length) throws MessageFormatException {
        if (length < 4) {
            throw MessageFormatException.unreadableHeader("message shorter than the 4-byte header");
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
        int end = offset + length;
        int p = offset + 4;
        if (tokenLength > Token.MAX_LENGTH) {
            throw MessageFormatException.malformed("token length " + tokenLength + " is reserved", type, messageId);
        }
        if (code.isEmpty() && length != 4) {
            // Section 4.1: an Empty message has no token, options or payload.
            throw MessageFormatException.malformed("empty message with bytes after the header", type, messageId);
        }
        if (p + tokenLength > end) {
            throw MessageFormatException.malformed("token runs past the end", type, messageId);
        }
        Token token = Token.of(data, p, tokenLength);
        p += tokenLength;

        List<Option> options = new ArrayList<>();
        int number = 0;
        byte[] payload = null;
        while (p < end) {
            int header = data[p++] & 0xff;
            if (header == PAYLOAD_MARKER) {
                if (p == end) {
                    throw MessageFormatException.malformed("payload marker followed by no payload", type, messageId);
                }
                payload = java.util.Arrays.copyOfRange(data, p, end);
                p = end;
                break;
            }
            int delta = header >>> 4;
            int optionLength = header & 0x0f;
            if (delta == 15 || optionLength == 15) {
                throw MessageFormatException.malformed("option nibble 15 outside a payload marker", type, messageId);
            }
            int[] cursor = {p};
            delta = readExtended(delta, data, cursor, end, type, messageId);
            optionLength = readExtended(optionLength, data, cursor, end, type, messageId);
            p = cursor[0];
            if (p + optionLength > end) {
                throw MessageFormatException.malformed("option value runs past the end", type, messageId);
            }
            number += delta;
            if (number > 65535) {
                throw MessageFormatException.malformed("option number past 65535", type, messageId);
            }
            options.add(Option.wrap(number, java.util.Arrays.copyOfRange(data, p, p + optionLength)));
            p += optionLength;
        }
        return Message.trusted(type, code, messageId, token, options, payload == null ? new byte[0] : payload);
    }

    private static int nibble(int value) {
        return value < 13 ? value : value < 269 ? 13 : 14;
    }

    private static int extendedLength(int value) {
        return value < 13 ? 0 : value < 269 ? 1 : 2;
    }

    private static int writeExtended(int value, byte[] out, int p) {
        if (value >= 269) {
            int extended = value - 269;
            out[p++] = (byte) (extended >>> 8);
            out[p++] = (byte) extended;
        } else if (value >= 13) {
            out[p++] = (byte) (value - 13);
        }
        return p;
    }

    private static int readExtended(int nibble, byte[] data, int[] cursor, int end, MessageType type, int messageId)
            throws MessageFormatException {
        int p = cursor[0];
        if (nibble == 13) {
            if (p + 1 > end) {
                throw MessageFormatException.malformed("extended option field runs past the end", type, messageId);
            }
            cursor[0] = p + 1;
            return (data[p] & 0xff) + 13;
        }
        if (nibble == 14) {
            if (p + 2 > end) {
                throw MessageFormatException.malformed("extended option field runs past the end", type, messageId);
            }
            cursor[0] = p + 2;
            return ((data[p] & 0xff) << 8 | (data[p + 1] & 0xff)) + 269;
        }
        return nibble;
    }
}
