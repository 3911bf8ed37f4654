package io.coaps4j.coap.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A CoAP message as a value (RFC 7252 section 3): header, token, options in ascending number
 * order, payload. Retransmission and exchange state never live here; they belong to the layer
 * that owns them.
 */
public final class Message {
    private static final byte[] NO_PAYLOAD = new byte[0];

    private final MessageType type;
    private final Code code;
    private final int messageId;
    private final Token token;
    private final List<Option> options;
    private final byte[] payload;

    private Message(MessageType type, Code code, int messageId, Token token, List<Option> options, byte[] payload) {
        this.type = Objects.requireNonNull(type, "type");
        this.code = Objects.requireNonNull(code, "code");
        if (messageId < 0 || messageId > 0xFFFF) {
            throw new IllegalArgumentException("message ID must be 0..65535, was " + messageId);
        }
        this.messageId = messageId;
        this.token = Objects.requireNonNull(token, "token");
        this.options = options;
        this.payload = payload;
    }

    /** A message with options given in any order (sorted here, stable for repeated options). */
    public static Message of(MessageType type, Code code, int messageId, Token token, List<Option> options, byte[] payload) {
        List<Option> sorted = new ArrayList<>(options);
        Collections.sort(sorted);
        return new Message(type, code, messageId, token, Collections.unmodifiableList(sorted),
                payload.length == 0 ? NO_PAYLOAD : payload.clone());
    }

    /** Used by the decoder: options already sorted and owned, payload owned. */
    static Message trusted(MessageType type, Code code, int messageId, Token token, List<Option> sortedOptions, byte[] payload) {
        return new Message(type, code, messageId, token, Collections.unmodifiableList(sortedOptions),
                payload.length == 0 ? NO_PAYLOAD : payload);
    }

    /** An empty message (code 0.00, no token, options or payload): an empty ACK, RST or CoAP ping. */
    public static Message empty(MessageType type, int messageId) {
        return new Message(type, Code.EMPTY, messageId, Token.EMPTY, List.of(), NO_PAYLOAD);
    }

    public MessageType type() {
        return type;
    }

    public Code code() {
        return code;
    }

    public int messageId() {
        return messageId;
    }

    public Token token() {
        return token;
    }

    /** All options, sorted by number; repeated options keep their order. Unmodifiable. */
    public List<Option> options() {
        return options;
    }

    /** The first option with this number, if any. */
    public Optional<Option> option(int number) {
        for (Option option : options) {
            if (option.number() == number) {
                return Optional.of(option);
            }
            if (option.number() > number) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Every instance of a (repeatable) option, in order. */
    public List<Option> options(int number) {
        List<Option> found = new ArrayList<>(2);
        for (Option option : options) {
            if (option.number() == number) {
                found.add(option);
            } else if (option.number() > number) {
                break;
            }
        }
        return found;
    }

    public boolean hasOption(int number) {
        return option(number).isPresent();
    }

    /** The value of a uint option, if present. */
    public OptionalLong uintOption(int number) {
        Optional<Option> option = option(number);
        return option.isPresent() ? OptionalLong.of(option.get().uintValue()) : OptionalLong.empty();
    }

    /** The Uri-Path segments, decoded (section 5.10.1). */
    public List<String> uriPath() {
        List<Option> segments = options(OptionNumber.URI_PATH);
        List<String> path = new ArrayList<>(segments.size());
        for (Option segment : segments) {
            path.add(segment.stringValue());
        }
        return path;
    }

    /** The Uri-Query arguments, decoded. */
    public List<String> uriQuery() {
        List<Option> arguments = options(OptionNumber.URI_QUERY);
        List<String> query = new ArrayList<>(arguments.size());
        for (Option argument : arguments) {
            query.add(argument.stringValue());
        }
        return query;
    }

    /** The Content-Format, if present (section 5.10.3). */
    public OptionalLong contentFormat() {
        return uintOption(OptionNumber.CONTENT_FORMAT);
    }

    public int payloadLength() {
        return payload.length;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payload.length == 0 ? NO_PAYLOAD : payload.clone();
    }

    /** Writes the payload into {@code target} at {@code offset}. */
    public void copyPayloadTo(byte[] target, int offset) {
        System.arraycopy(payload, 0, target, offset, payload.length);
    }

    public String payloadAsString() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    public boolean isEmpty() {
        return code.isEmpty();
    }

    public boolean isRequest() {
        return code.isRequest();
    }

    public boolean isResponse() {
        return code.isResponse();
    }

    public Message withMessageId(int newMessageId) {
        return new Message(type, code, newMessageId, token, options, payload);
    }

    public Message withType(MessageType newType) {
        return new Message(newType, code, messageId, token, options, payload);
    }

    public Message withToken(Token newToken) {
        return new Message(type, code, messageId, newToken, options, payload);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Message)) {
            return false;
        }
        Message m = (Message) o;
        return type == m.type && code.equals(m.code) && messageId == m.messageId && token.equals(m.token)
                && options.equals(m.options) && Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, code, messageId, token, options) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return type + " " + code + " MID=" + messageId + " token=" + token + " options=" + options
                + " payload=" + payload.length + "B";
    }
}
