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
}
