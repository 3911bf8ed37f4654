package io.coaps4j.coap.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageHeaderTest {

    @Test
    void withHeaderReplacesTypeMessageIdAndTokenAndKeepsTheRest() {
        Message original = Message.of(MessageType.ACK, Code.CONTENT, 1, Token.EMPTY,
                List.of(Option.ofUint(OptionNumber.CONTENT_FORMAT, 0)), "hi".getBytes());
        Message sent = original.withHeader(MessageType.CON, 0xBEEF, Token.ofHex("0a0b"));
        assertThat(sent).isEqualTo(original.withType(MessageType.CON).withMessageId(0xBEEF).withToken(Token.ofHex("0a0b")));
        assertThat(sent.type()).isEqualTo(MessageType.CON);
        assertThat(sent.messageId()).isEqualTo(0xBEEF);
        assertThat(sent.token()).isEqualTo(Token.ofHex("0a0b"));
        assertThat(sent.options()).isEqualTo(original.options());
        assertThat(sent.payloadAsString()).isEqualTo("hi");
    }

    @Test
    void withHeaderChecksWhatTheConstructorChecks() {
        Message ping = Message.empty(MessageType.CON, 1);
        assertThatThrownBy(() -> ping.withHeader(MessageType.CON, 2, Token.ofHex("01")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Empty message");
        assertThatThrownBy(() -> ping.withHeader(MessageType.CON, 0x10000, Token.EMPTY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65535");
        assertThat(ping.withHeader(MessageType.RST, 7, Token.EMPTY)).isEqualTo(Message.empty(MessageType.RST, 7));
    }

    @Test
    void encodingWithOtherHeaderFieldsGivesTheBytesOfTheCopy() {
        Message body = Message.of(MessageType.ACK, Code.CONTENT, 0, Token.EMPTY,
                List.of(Option.ofUint(OptionNumber.CONTENT_FORMAT, 0), Option.ofString(OptionNumber.LOCATION_PATH, "x")),
                "payload".getBytes());
        for (Token token : List.of(Token.EMPTY, Token.ofHex("01"), Token.ofHex("0102030405060708"))) {
            assertThat(MessageCodec.encode(body, MessageType.NON, 0xABCD, token))
                    .isEqualTo(MessageCodec.encode(body.withHeader(MessageType.NON, 0xABCD, token)));
        }
        Message ping = Message.empty(MessageType.CON, 0);
        assertThat(MessageCodec.encode(ping, MessageType.CON, 0x0102, Token.EMPTY)).containsExactly(0x40, 0, 1, 2);
        assertThatThrownBy(() -> MessageCodec.encode(ping, MessageType.CON, 1, Token.ofHex("01")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Empty message");
        assertThatThrownBy(() -> MessageCodec.encode(body, MessageType.CON, -1, Token.EMPTY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..65535");
    }
}
