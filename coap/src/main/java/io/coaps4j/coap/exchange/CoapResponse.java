package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.Token;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A response as a value: code, options and payload, without the message-layer fields (type,
 * message ID, token), which the engine fills in when it sends it or strips when it delivers it.
 * Server handlers return one; clients receive one.
 */
public final class CoapResponse {
    private final Message message;

    private CoapResponse(Message message) {
        this.message = message;
    }

    /** Wraps a received response message. */
    public static CoapResponse of(Message response) {
        if (!response.isResponse()) {
            throw new IllegalArgumentException("not a response code: " + response.code());
        }
        return new CoapResponse(response);
    }

    /** A response with only a code. */
    public static CoapResponse of(Code code) {
        return builder(code).build();
    }

    /** 2.05 Content with a UTF-8 text/plain payload (content format 0). */
    public static CoapResponse content(String text) {
        return builder(Code.CONTENT).contentFormat(0).payload(text).build();
    }

    /** 2.05 Content with a payload of the given content format. */
    public static CoapResponse content(byte[] payload, int contentFormat) {
        return builder(Code.CONTENT).contentFormat(contentFormat).payload(payload).build();
    }

    public static Builder builder(Code code) {
        return new Builder(code);
    }

    public Code code() {
        return message.code();
    }

    public boolean isSuccess() {
        return message.code().isSuccess();
    }

    /** Options sorted by number. */
    public List<Option> options() {
        return message.options();
    }

    public Optional<Option> option(int number) {
        return message.option(number);
    }

    public OptionalLong contentFormat() {
        return message.contentFormat();
    }

    public byte[] payload() {
        return message.payload();
    }

    public int payloadLength() {
        return message.payloadLength();
    }

    public String payloadAsString() {
        return message.payloadAsString();
    }

    /** The message to send, with the given message-layer fields. */
    public Message toMessage(MessageType type, int messageId, Token token) {
        return message.withHeader(type, messageId, token);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoapResponse && ((CoapResponse) o).toMessage(MessageType.ACK, 0, Token.EMPTY)
                .equals(toMessage(MessageType.ACK, 0, Token.EMPTY));
    }

    @Override
    public int hashCode() {
        return toMessage(MessageType.ACK, 0, Token.EMPTY).hashCode();
    }

    @Override
    public String toString() {
        return message.code() + " options=" + message.options() + " payload=" + message.payloadLength() + "B";
    }

    /** Builds a response; options may be added in any order. */
    public static final class Builder {
        private final Code code;
        private final List<Option> options = new ArrayList<>(4);
        private byte[] payload = new byte[0];

        private Builder(Code code) {
            Objects.requireNonNull(code, "code");
            if (!code.isResponse()) {
                throw new IllegalArgumentException("code must be a response code (2.xx, 4.xx, 5.xx), was " + code);
            }
            this.code = code;
        }

        public Builder option(Option option) {
            options.add(Objects.requireNonNull(option, "option"));
            return this;
        }

        public Builder options(List<Option> more) {
            for (Option option : more) {
                option(option);
            }
            return this;
        }

        public Builder contentFormat(int format) {
            options.removeIf(o -> o.number() == OptionNumber.CONTENT_FORMAT);
            return option(Option.ofUint(OptionNumber.CONTENT_FORMAT, format));
        }

        public Builder maxAge(long seconds) {
            return option(Option.ofUint(OptionNumber.MAX_AGE, seconds));
        }

        public Builder etag(byte[] etag) {
            return option(Option.of(OptionNumber.ETAG, etag));
        }

        public Builder locationPath(String segment) {
            return option(Option.ofString(OptionNumber.LOCATION_PATH, segment));
        }

        public Builder payload(byte[] bytes) {
            this.payload = Objects.requireNonNull(bytes, "payload");
            return this;
        }

        public Builder payload(String text) {
            return payload(text.getBytes(StandardCharsets.UTF_8));
        }

        public CoapResponse build() {
            return new CoapResponse(Message.of(MessageType.ACK, code, 0, Token.EMPTY, options, payload));
        }
    }
}
