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
 *
 * <p>Build one with {@link #of}, {@link #empty} or {@link #builder()}; read one from the wire
 * with {@link MessageCodec#decode(byte[])}.
 */
public final class Message {
    private static final byte[] NO_PAYLOAD = new byte[0];

    private final MessageType type;
    private final Code code;
    private final int messageId;
    private final Token token;
    private final List<Option> options;
    /** The payload is {@code payloadLength} bytes of this buffer at {@code payloadOffset}; never changed. */
    private final byte[] payloadBuffer;
    private final int payloadOffset;
    private final int payloadLength;

    private Message(MessageType type, Code code, int messageId, Token token, List<Option> options,
            byte[] payloadBuffer, int payloadOffset, int payloadLength) {
        this.type = Objects.requireNonNull(type, "type");
        this.code = Objects.requireNonNull(code, "code");
        if (messageId < 0 || messageId > 0xFFFF) {
            throw new IllegalArgumentException("message ID must be 0..65535, was " + messageId);
        }
        this.messageId = messageId;
        this.token = Objects.requireNonNull(token, "token");
        this.options = options;
        this.payloadBuffer = payloadLength == 0 ? NO_PAYLOAD : payloadBuffer;
        this.payloadOffset = payloadLength == 0 ? 0 : payloadOffset;
        this.payloadLength = payloadLength;
    }

    /**
     * A message with options given in any order (sorted here, stable for repeated options).
     *
     * @throws IllegalArgumentException when {@code code} is 0.00 (Empty) but a token, options or a
     *     payload are given: an Empty message has none (RFC 7252 section 4.1)
     */
    public static Message of(MessageType type, Code code, int messageId, Token token, List<Option> options, byte[] payload) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(payload, "payload");
        EmptyMessageRule.requireBare(code, token, options, payload);
        List<Option> sorted = SortedOptions.sortedCopy(options);
        byte[] owned = payload.length == 0 ? NO_PAYLOAD : payload.clone();
        return new Message(type, code, messageId, token, sorted, owned, 0, owned.length);
    }

    /** Used by the decoder: options already sorted and owned, payload a slice of an owned buffer. */
    static Message trusted(MessageType type, Code code, int messageId, Token token, List<Option> sortedOptions,
            byte[] payloadBuffer, int payloadOffset, int payloadLength) {
        List<Option> view = sortedOptions.isEmpty() ? List.of() : Collections.unmodifiableList(sortedOptions);
        return new Message(type, code, messageId, token, view, payloadBuffer, payloadOffset, payloadLength);
    }

    /** An empty message (code 0.00, no token, options or payload): an empty ACK, RST or CoAP ping. */
    public static Message empty(MessageType type, int messageId) {
        return new Message(type, Code.EMPTY, messageId, Token.EMPTY, List.of(), NO_PAYLOAD, 0, 0);
    }

    /** A builder; type and code are required, the message ID defaults to 0 and the token to empty. */
    public static Builder builder() {
        return new Builder();
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
        int i = SortedOptions.firstIndexOf(options, number);
        return i < 0 ? Optional.empty() : Optional.of(options.get(i));
    }

    /** Every instance of a (repeatable) option, in order. */
    public List<Option> options(int number) {
        return SortedOptions.all(options, number);
    }

    public boolean hasOption(int number) {
        return SortedOptions.firstIndexOf(options, number) >= 0;
    }

    /** The value of a uint option, if present. */
    public OptionalLong uintOption(int number) {
        Optional<Option> option = option(number);
        return option.isPresent() ? OptionalLong.of(option.get().uintValue()) : OptionalLong.empty();
    }

    /** The value of a string option, if present. */
    public Optional<String> stringOption(int number) {
        return option(number).map(Option::stringValue);
    }

    /** The Uri-Path segments, decoded (section 5.10.1); unmodifiable. */
    public List<String> uriPath() {
        return strings(OptionNumber.URI_PATH);
    }

    /** The Uri-Query arguments, decoded. */
    public List<String> uriQuery() {
        return strings(OptionNumber.URI_QUERY);
    }

    /** The Uri-Host, if present (section 5.10.1). */
    public Optional<String> uriHost() {
        return stringOption(OptionNumber.URI_HOST);
    }

    /** The Uri-Port, if present (section 5.10.1). */
    public OptionalLong uriPort() {
        return uintOption(OptionNumber.URI_PORT);
    }

    /** The Location-Path segments of a response (section 5.10.7). */
    public List<String> locationPath() {
        return strings(OptionNumber.LOCATION_PATH);
    }

    /** The Location-Query arguments of a response (section 5.10.7). */
    public List<String> locationQuery() {
        return strings(OptionNumber.LOCATION_QUERY);
    }

    /** The Content-Format, if present (section 5.10.3). */
    public OptionalLong contentFormat() {
        return uintOption(OptionNumber.CONTENT_FORMAT);
    }

    /** The Accept option, if present (section 5.10.4). */
    public OptionalLong accept() {
        return uintOption(OptionNumber.ACCEPT);
    }

    /** The Max-Age in seconds, if present; absent means the default of 60 s (section 5.10.5). */
    public OptionalLong maxAge() {
        return uintOption(OptionNumber.MAX_AGE);
    }

    /** The Observe option, if present (RFC 7641 section 2). */
    public OptionalLong observe() {
        return uintOption(OptionNumber.OBSERVE);
    }

    /** Unmodifiable, and no list copy for none or one value ({@link SortedOptions#strings}). */
    private List<String> strings(int number) {
        return SortedOptions.strings(options, number);
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payloadLength == 0 ? NO_PAYLOAD : Arrays.copyOfRange(payloadBuffer, payloadOffset, payloadOffset + payloadLength);
    }

    /** Writes the payload into {@code target} at {@code offset}. */
    public void copyPayloadTo(byte[] target, int offset) {
        System.arraycopy(payloadBuffer, payloadOffset, target, offset, payloadLength);
    }

    public String payloadAsString() {
        return new String(payloadBuffer, payloadOffset, payloadLength, StandardCharsets.UTF_8);
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
        return new Message(type, code, newMessageId, token, options, payloadBuffer, payloadOffset, payloadLength);
    }

    public Message withType(MessageType newType) {
        return new Message(newType, code, messageId, token, options, payloadBuffer, payloadOffset, payloadLength);
    }

    /** This message with all three message-layer fields replaced at once (one copy instead of three). */
    public Message withHeader(MessageType newType, int newMessageId, Token newToken) {
        Objects.requireNonNull(newToken, "token");
        EmptyMessageRule.requireNoToken(code, newToken);
        return new Message(newType, code, newMessageId, newToken, options, payloadBuffer, payloadOffset, payloadLength);
    }

    public Message withToken(Token newToken) {
        EmptyMessageRule.requireNoToken(code, newToken);
        return new Message(type, code, messageId, newToken, options, payloadBuffer, payloadOffset, payloadLength);
    }

    /**
     * This message with {@code option} in place of every option of its number, sharing the payload
     * rather than copying it: what a server does to each notification (RFC 7641 section 4.4, a new
     * Observe number) without the cost of rebuilding the message.
     */
    public Message withOption(Option option) {
        Objects.requireNonNull(option, "option");
        EmptyMessageRule.requireNotEmpty(code);
        return new Message(type, code, messageId, token, SortedOptions.replacing(options, option),
                payloadBuffer, payloadOffset, payloadLength);
    }

    /** This message without the options numbered {@code number}, sharing the payload; itself when it has none. */
    public Message withoutOption(int number) {
        int first = SortedOptions.firstIndexOf(options, number);
        if (first < 0) {
            return this;
        }
        return new Message(type, code, messageId, token, SortedOptions.without(options, number, first),
                payloadBuffer, payloadOffset, payloadLength);
    }

    /**
     * This message carrying {@code length} bytes of its own payload from {@code offset}, shared rather than
     * copied (both messages are immutable): a block of a body sliced for block-wise transfer (RFC 7959).
     */
    public Message withPayloadSlice(int offset, int length) {
        Objects.checkFromIndexSize(offset, length, payloadLength);
        return new Message(type, code, messageId, token, options, payloadBuffer, payloadOffset + offset, length);
    }

    /** The payload as a read-only buffer over the message's own bytes (no copy). */
    public java.nio.ByteBuffer payloadView() {
        return java.nio.ByteBuffer.wrap(payloadBuffer, payloadOffset, payloadLength).slice().asReadOnlyBuffer();
    }

    /** This message with other options, already sorted and unmodifiable; for this package only. */
    Message withSortedOptions(List<Option> sortedOptions) {
        return new Message(type, code, messageId, token, sortedOptions, payloadBuffer, payloadOffset, payloadLength);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Message)) {
            return false;
        }
        Message m = (Message) o;
        return type == m.type && code.equals(m.code) && messageId == m.messageId && token.equals(m.token)
                && options.equals(m.options)
                && Arrays.equals(payloadBuffer, payloadOffset, payloadOffset + payloadLength,
                        m.payloadBuffer, m.payloadOffset, m.payloadOffset + m.payloadLength);
    }

    @Override
    public int hashCode() {
        int hash = ((type.hashCode() * 31 + code.hashCode()) * 31 + messageId) * 31 + token.hashCode();
        hash = hash * 31 + options.hashCode();
        for (int i = payloadOffset, end = payloadOffset + payloadLength; i < end; i++) {
            hash = 31 * hash + payloadBuffer[i];
        }
        return hash;
    }

    @Override
    public String toString() {
        return type + " " + code + " MID=" + messageId + " token=" + token + " options=" + options
                + " payload=" + payloadLength + "B";
    }

    /**
     * Builds a {@link Message}. Type and code are required; the message ID defaults to 0 (the
     * message layer assigns one with {@link Message#withMessageId}) and the token to empty.
     * <pre>{@code
     * Message get = Message.builder().type(MessageType.CON).code(Code.GET).token(token)
     *         .options(new OptionsBuilder().uriPath("sensors/temp").accept(ContentFormat.JSON))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private MessageType type;
        private Code code;
        private int messageId;
        private Token token = Token.EMPTY;
        private final List<Option> options = new ArrayList<>();
        private byte[] payload = NO_PAYLOAD;

        private Builder() {
        }

        public Builder type(MessageType value) {
            this.type = Objects.requireNonNull(value, "type");
            return this;
        }

        public Builder code(Code value) {
            this.code = Objects.requireNonNull(value, "code");
            return this;
        }

        /** The message ID, 0..65535. */
        public Builder messageId(int value) {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("messageId must be 0..65535, was " + value);
            }
            this.messageId = value;
            return this;
        }

        public Builder token(Token value) {
            this.token = Objects.requireNonNull(value, "token");
            return this;
        }

        /** Adds one option; options may come in any order. */
        public Builder option(Option value) {
            options.add(Objects.requireNonNull(value, "option"));
            return this;
        }

        /** Adds the options; options may come in any order. */
        public Builder options(List<Option> values) {
            for (Option value : values) {
                option(value);
            }
            return this;
        }

        /** Adds the options built so far by {@code values}. */
        public Builder options(OptionsBuilder values) {
            return options(values.build());
        }

        /** The payload (copied). */
        public Builder payload(byte[] value) {
            this.payload = Objects.requireNonNull(value, "payload").clone();
            return this;
        }

        /** The payload as UTF-8. */
        public Builder payload(String value) {
            this.payload = Objects.requireNonNull(value, "payload").getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /**
         * The message.
         *
         * @throws IllegalStateException naming the missing field when type or code is not set
         * @throws IllegalArgumentException when an Empty code is combined with a token, options or payload
         */
        public Message build() {
            if (type == null) {
                throw new IllegalStateException("type is not set");
            }
            if (code == null) {
                throw new IllegalStateException("code is not set");
            }
            return Message.of(type, code, messageId, token, options, payload);
        }
    }
}
