package io.coaps4j.coap.endpoint;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.Token;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-line format of the CoAP message trace. */
class MessageTraceTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5683);

    private static String line(boolean sent, InetSocketAddress peer, Message message) {
        byte[] bytes = MessageCodec.encode(message);
        byte[] padded = new byte[bytes.length + 4];
        System.arraycopy(bytes, 0, padded, 2, bytes.length);
        return MessageTrace.line(sent, peer, padded, 2, bytes.length);
    }

    @Test
    void aRequestShowsTypeCodeIdTokenAndOptionsByName() {
        Message get = Message.of(MessageType.CON, Code.GET, 4711, Token.ofHex("0a1b"),
                List.of(Option.ofString(OptionNumber.URI_PATH, "store"), Option.ofString(OptionNumber.URI_PATH, "a b"),
                        Option.ofUint(OptionNumber.ACCEPT, 0), Option.ofUint(OptionNumber.BLOCK2, 0x1E),
                        Option.ofString(OptionNumber.URI_QUERY, "x=1"), Option.of(65000, new byte[] {1, 2})),
                new byte[0]);
        assertThat(line(true, PEER, get)).isEqualTo("coap -> 127.0.0.1:5683 CON GET MID=4711 Token=0a1b"
                + " Uri-Path=/store/a b Uri-Query=\"x=1\" Accept=0 Block2=1+/1024 Option65000=0102");
    }

    @Test
    void thePayloadIsAShortEscapedPrefixWithItsLength() {
        byte[] payload = ("say \"hi\"\n\u0001" + "x".repeat(40)).getBytes(StandardCharsets.ISO_8859_1);
        Message response = Message.of(MessageType.ACK, Code.CONTENT, 7, Token.EMPTY,
                List.of(Option.ofUint(OptionNumber.CONTENT_FORMAT, 0)), payload);
        String line = line(false, new InetSocketAddress("::1", 5684), response);
        assertThat(line).isEqualTo("coap <- [0:0:0:0:0:0:0:1]:5684 ACK 2.05 Content MID=7 Content-Format=0 payload("
                + payload.length + ")=\"say \\\"hi\\\"\\x0a\\x01" + "x".repeat(MessageTrace.PAYLOAD_PREFIX - 10)
                + "\"...");
    }

    @Test
    void anEmptyMessageAndAMalformedOne() {
        assertThat(line(true, PEER, Message.empty(MessageType.RST, 9))).isEqualTo("coap -> 127.0.0.1:5683 RST MID=9");
        assertThat(MessageTrace.line(false, PEER, new byte[] {0x40, 1, 2}, 0, 3))
                .isEqualTo("coap <- 127.0.0.1:5683 malformed (3 bytes)");
    }
}
