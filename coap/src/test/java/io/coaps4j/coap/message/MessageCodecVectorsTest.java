package io.coaps4j.coap.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hex vectors: messages drawn by hand from the figures of RFC 7252 appendix A, and datagrams
 * captured on loopback from libcoap 4.3.1 ({@code coap-client-notls} requests and
 * {@code coap-server-notls} responses). Each is decoded field by field and encoded back to the
 * same bytes.
 */
class MessageCodecVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    private static Message decodeAndReencode(String hex) throws MessageFormatException {
        byte[] bytes = HEX.parseHex(hex);
        Message message = MessageCodec.decode(bytes);
        assertThat(HEX.formatHex(MessageCodec.encode(message))).isEqualTo(hex);
        assertThat(MessageCodec.encodedLength(message)).isEqualTo(bytes.length);
        return message;
    }

    @Test
    void rfc7252Figure16ConfirmableGetWithoutToken() throws MessageFormatException {
        // CON [0x7d34] GET Uri-Path "temperature": 1|0|0, GET=1, MID, delta 11 length 11.
        Message request = decodeAndReencode("40017d34" + "bb" + HEX.formatHex("temperature".getBytes()));

        assertThat(request.type()).isEqualTo(MessageType.CON);
        assertThat(request.code()).isEqualTo(Code.GET);
        assertThat(request.messageId()).isEqualTo(0x7d34);
        assertThat(request.token()).isEqualTo(Token.EMPTY);
        assertThat(request.uriPath()).containsExactly("temperature");
        assertThat(request.payloadLength()).isZero();
    }

    @Test
    void rfc7252Figure16PiggybackedResponse() throws MessageFormatException {
        // ACK [0x7d34] 2.05 "22.3 C": 1|2|0, 2.05=69, MID, payload marker, 6 bytes.
        Message response = decodeAndReencode("60457d34" + "ff" + HEX.formatHex("22.3 C".getBytes()));

        assertThat(response.type()).isEqualTo(MessageType.ACK);
        assertThat(response.code()).isEqualTo(Code.CONTENT);
        assertThat(response.code().value()).isEqualTo(69);
        assertThat(response.options()).isEmpty();
        assertThat(response.payloadAsString()).isEqualTo("22.3 C");
    }

    @Test
    void rfc7252Figure17RequestAndResponseWithToken() throws MessageFormatException {
        byte[] request = HEX.parseHex("41017d3520bb" + HEX.formatHex("temperature".getBytes()));
        byte[] response = HEX.parseHex("61457d3520ff" + HEX.formatHex("22.3 C".getBytes()));
        // The figure says the token makes the sizes 17 and 12 bytes.
        assertThat(request).hasSize(17);
        assertThat(response).hasSize(12);

        Message get = MessageCodec.decode(request);
        Message content = MessageCodec.decode(response);

        assertThat(get.token()).isEqualTo(Token.ofHex("20"));
        assertThat(content.token()).isEqualTo(get.token());
        assertThat(content.messageId()).isEqualTo(get.messageId()).isEqualTo(0x7d35);
        Message expected = Message.of(MessageType.CON, Code.GET, 0x7d35, Token.ofHex("20"),
                List.of(Option.ofString(OptionNumber.URI_PATH, "temperature")), new byte[0]);
        assertThat(get).isEqualTo(expected);
        assertThat(MessageCodec.encode(expected)).isEqualTo(request);
    }

    @Test
    void emptyAckAndResetAndPing() throws MessageFormatException {
        assertThat(decodeAndReencode("60007d34")).isEqualTo(Message.empty(MessageType.ACK, 0x7d34));
        assertThat(decodeAndReencode("70001237")).isEqualTo(Message.empty(MessageType.RST, 0x1237));
        Message ping = decodeAndReencode("40000001");
        assertThat(ping.isEmpty()).isTrue();
        assertThat(ping.type()).isEqualTo(MessageType.CON);
    }

    @Test
    void libcoapClientGetHelloWithTokenAndUriPort() throws MessageFormatException {
        // coap-client-notls -m get -T 0a1b coap://127.0.0.1:42468/hello (libcoap bumps the token's last byte).
        Message get = decodeAndReencode("44010be030613163" + "72a5e4" + "4568656c6c6f");

        assertThat(get.type()).isEqualTo(MessageType.CON);
        assertThat(get.code()).isEqualTo(Code.GET);
        assertThat(get.messageId()).isEqualTo(0x0be0);
        assertThat(get.token()).isEqualTo(Token.of("0a1c".getBytes()));
        assertThat(get.uriPort()).hasValue(42468);
        assertThat(get.uriHost()).isEmpty(); // an IP literal equal to the destination is left out (section 6.4)
        assertThat(get.uriPath()).containsExactly("hello");
    }

    @Test
    void libcoapClientPutWithQueryContentFormatAndPayload() throws MessageFormatException {
        // coap-client-notls -m put -T cafe -t 50 -e '{"t":21}' "coap://127.0.0.1:34084/sensors/temp?unit=C&x=1"
        Message put = decodeAndReencode("4403bbd863616666" + "728524" + "4773656e736f7273" + "0474656d70"
                + "1132" + "36756e69743d43" + "03783d31" + "ff7b2274223a32317d");

        assertThat(put.code()).isEqualTo(Code.PUT);
        assertThat(put.token()).isEqualTo(Token.of("caff".getBytes()));
        assertThat(put.uriPort()).hasValue(34084);
        assertThat(put.uriPath()).containsExactly("sensors", "temp");
        assertThat(put.contentFormat()).hasValue(50);
        assertThat(put.uriQuery()).containsExactly("unit=C", "x=1");
        assertThat(put.payloadAsString()).isEqualTo("{\"t\":21}");
    }

    @Test
    void libcoapClientOptionsWithTwoByteExtendedDeltas() throws MessageFormatException {
        // coap-client-notls -m get -A 50 -O 2048,abcdef -O 300,x coap://127.0.0.1:52668/a
        // Option 300 follows Accept (17): delta 283 = 269 + 0x000e (nibble 14).
        // Option 2048 follows 300: delta 1748 = 269 + 0x05c7.
        Message get = decodeAndReencode("4101e11501" + "72cdbc" + "4161" + "6132" + "e1000e78" + "e605c7616263646566");

        assertThat(get.options()).extracting(Option::number).containsExactly(7, 11, 17, 300, 2048);
        assertThat(get.accept()).hasValue(50);
        assertThat(get.option(300).orElseThrow().stringValue()).isEqualTo("x");
        assertThat(get.option(2048).orElseThrow().stringValue()).isEqualTo("abcdef");
    }

    @Test
    void libcoapClientProxyUriWithOneByteAndTwoByteExtendedLengths() throws MessageFormatException {
        // coap-client-notls -m get -O 30,0102 -O 35,<314-byte URI> "coap://127.0.0.1:38915/q?a-long-query-arg=1"
        // libcoap adds Hop-Limit (16) = 16 because a Proxy-Uri is present (RFC 8768).
        String proxyUri = "coap://example.com/very/long/path/" + "0123456789".repeat(28);
        String hex = "4101e97201" + "729803" + "4171"
                + "4d05" + HEX.formatHex("a-long-query-arg=1".getBytes()) // length 18 = 13 + 0x05
                + "1110" // Hop-Limit, delta 1
                + "d40130313032" // option 30: delta 14 = 13 + 0x01 (nibble 13), length 4
                + "5e002d" + HEX.formatHex(proxyUri.getBytes()); // delta 5, length 314 = 269 + 0x002d
        Message get = decodeAndReencode(hex);

        assertThat(get.uriQuery()).containsExactly("a-long-query-arg=1");
        assertThat(get.uintOption(16)).hasValue(16);
        assertThat(get.option(30).orElseThrow().stringValue()).isEqualTo("0102");
        assertThat(get.stringOption(OptionNumber.PROXY_URI)).hasValue(proxyUri);
        assertThat(get.option(OptionNumber.PROXY_URI).orElseThrow().length()).isEqualTo(314);
    }

    @Test
    void libcoapServerWellKnownCoreResponseWithContentFormat() throws MessageFormatException {
        // coap-server-notls answering CON GET /.well-known/core, MID 0x1234, token "ab".
        String links = "</>;title=\"General Info\";ct=0,</time>;if=\"clock\";rt=\"ticks\";title=\"Internal Clock\";ct=0;obs,"
                + "</async>;ct=0,</example_data>;title=\"Example Data\";ct=0;obs";
        Message response = decodeAndReencode("624512346162" + "c128" + "ff" + HEX.formatHex(links.getBytes()));

        assertThat(response.type()).isEqualTo(MessageType.ACK);
        assertThat(response.code()).isEqualTo(Code.CONTENT);
        assertThat(response.token()).isEqualTo(Token.of("ab".getBytes()));
        assertThat(response.contentFormat()).hasValue(ContentFormat.LINK_FORMAT.number());
        assertThat(response.payloadAsString()).isEqualTo(links);
    }

    @Test
    void libcoapServerTimeResponseWithMaxAgeInOneByteExtendedDelta() throws MessageFormatException {
        // coap-server-notls answering CON GET /time: Max-Age (14) is delta 13 + 0x01.
        Message response = decodeAndReencode("62451236a1b2" + "d10101" + "ff" + HEX.formatHex("Nov 23 20:35:13".getBytes()));

        assertThat(response.maxAge()).hasValue(1);
        assertThat(response.payloadAsString()).isEqualTo("Nov 23 20:35:13");
    }

    @Test
    void libcoapServerResetsAnEmptyConfirmable() throws MessageFormatException {
        // A CoAP ping (empty CON) sent to coap-server-notls came back as this RST (section 4.3).
        byte[] ping = HEX.parseHex("40001237");
        Message reset = MessageCodec.decode(HEX.parseHex("70001237"));
        assertThat(reset.type()).isEqualTo(MessageType.RST);
        assertThat(reset.messageId()).isEqualTo(MessageCodec.decode(ping).messageId());
    }

    @Test
    void encodesBoundaryDeltasAndLengthsInTheirShortestForms() throws MessageFormatException {
        // 12 fits the nibble; 13 and 268 take one extended byte; 269 and 65535 take two.
        Message message = Message.of(MessageType.NON, Code.POST, 1, Token.EMPTY, List.of(
                Option.of(12, new byte[12]),
                Option.of(25, new byte[13]),
                Option.of(293, new byte[268]),
                Option.of(562, new byte[269])),
                new byte[] {1});
        byte[] bytes = MessageCodec.encode(message);

        assertThat(HEX.formatHex(bytes, 4, 5)).isEqualTo("cc"); // delta 12, length 12
        assertThat(HEX.formatHex(bytes, 17, 20)).isEqualTo("dd0000"); // delta 13, length 13
        assertThat(HEX.formatHex(bytes, 33, 36)).isEqualTo("ddffff"); // delta 268, length 268
        assertThat(HEX.formatHex(bytes, 304, 309)).isEqualTo("ee00000000"); // delta 269, length 269
        assertThat(HEX.formatHex(bytes, 309 + 269, bytes.length)).isEqualTo("ff01");
        assertThat(MessageCodec.decode(bytes)).isEqualTo(message);
    }

    @Test
    void encodesTheHighestOptionNumberAndLongestExtendedLength() throws MessageFormatException {
        Message message = Message.of(MessageType.CON, Code.PUT, 0xffff, Token.ofHex("0102030405060708"),
                List.of(Option.of(65535, new byte[1000])), new byte[0]);
        byte[] bytes = MessageCodec.encode(message);
        int header = 4 + 8;
        assertThat(bytes[header] & 0xff).isEqualTo(0xee);
        assertThat(((bytes[header + 1] & 0xff) << 8 | (bytes[header + 2] & 0xff)) + 269).isEqualTo(65535);
        assertThat(((bytes[header + 3] & 0xff) << 8 | (bytes[header + 4] & 0xff)) + 269).isEqualTo(1000);
        assertThat(MessageCodec.decode(bytes)).isEqualTo(message);
    }

    @Test
    void encodesIntoABufferAtAnOffset() throws MessageFormatException {
        Message message = Message.of(MessageType.CON, Code.GET, 7, Token.ofHex("aa"),
                List.of(Option.ofString(OptionNumber.URI_PATH, "x")), new byte[] {9});
        byte[] buffer = new byte[64];
        int written = MessageCodec.encode(message, buffer, 10);

        assertThat(written).isEqualTo(MessageCodec.encodedLength(message));
        assertThat(MessageCodec.decode(buffer, 10, written)).isEqualTo(message);
    }
}
