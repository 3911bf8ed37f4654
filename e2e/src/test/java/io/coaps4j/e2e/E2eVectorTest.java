package io.coaps4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.Token;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.record.SecurityAssociation;
import io.coaps4j.e2e.E2eProtector.SealedRequest;
import io.coaps4j.e2e.E2eProtector.Unprotected;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The worked example of docs/E2E.md section 8, rebuilt byte for byte, and the page holding the same bytes. */
class E2eVectorTest {
    static final byte[] SA_ID = hex("5a01");
    static final byte[] CLIENT_KEY = hex("000102030405060708090a0b0c0d0e0f");
    static final byte[] CLIENT_IV = hex("10111213");
    static final byte[] SERVER_KEY = hex("202122232425262728292a2b2c2d2e2f");
    static final byte[] SERVER_IV = hex("30313233");

    static final String REQUEST_PLAIN = "01 01 b4 74 65 6d 70";
    static final String REQUEST_OUTER = """
41 02 12 34 4a 3d 01 6f 72 69 67 69 6e 2e 65 78
61 6d 70 6c 65 d4 17 63 6f 61 70 e2 fc b5 5a 01
ff 17 fe fd 00 01 00 00 00 00 00 05 00 17 00 01
00 00 00 00 00 05 69 64 e4 bd f0 75 d6 36 92 5a
d0 d8 e8 91 36""";
    static final String RESPONSE_PLAIN = """
01 45 c0 e8 fc cf 00 01 00 00 00 00 00 05 ff 32
32 2e 35 20 43""";
    static final String RESPONSE_OUTER = """
61 44 12 34 4a e0 fc dc ff 17 fe fd 00 01 00 00
00 00 00 02 00 25 00 01 00 00 00 00 00 02 e5 c3
4a 79 43 bf d6 83 f4 43 e4 59 bb f3 7e d5 e7 ef
16 48 41 98 90 25 a9 95 cb 85 70""";

    static E2eAssociation association(boolean client, long nextWriteSequence) {
        SecurityAssociation keys = SecurityAssociation.builder().epoch(1)
                .cipherSuite(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8)
                .writeKey(client ? CLIENT_KEY : SERVER_KEY).writeIv(client ? CLIENT_IV : SERVER_IV)
                .readKey(client ? SERVER_KEY : CLIENT_KEY).readIv(client ? SERVER_IV : CLIENT_IV)
                .nextWriteSequence(nextWriteSequence).build();
        return new E2eAssociation(new SaId(SA_ID), keys, E2ePrincipal.of(client ? "server" : "client", SA_ID),
                Long.MAX_VALUE / 4);
    }

    static Message originalRequest() {
        return Message.of(MessageType.CON, Code.GET, 0x1234, Token.of(hex("4a")),
                List.of(Option.ofString(OptionNumber.PROXY_URI, "coap://origin.example/temp"),
                        E2eOptions.protectWith(SA_ID)), new byte[0]);
    }

    static Message originalResponse() {
        return Message.of(MessageType.ACK, Code.CONTENT, 0x1234, Token.of(hex("4a")),
                List.of(Option.ofUint(OptionNumber.CONTENT_FORMAT, 0)), "22.5 C".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void theExampleOfTheDocumentIsWhatTheCodeProduces() throws Exception {
        E2eProtector protector = new E2eProtector(CryptoContext.create());
        E2eAssociation client = association(true, 5);
        E2eAssociation server = association(false, 2);

        SealedRequest sealed = protector.protectRequest(originalRequest(), client);
        byte[] requestOuter = MessageCodec.encode(sealed.outer());
        assertThat(HexFormat.of().formatHex(sealed.binding())).isEqualTo("0001000000000005");

        Unprotected request = protector.unprotectRequest(MessageCodec.decode(requestOuter), server);
        assertThat(request.refusal()).isNull();
        assertThat(request.message().code()).isEqualTo(Code.GET);
        assertThat(request.message().uriPath()).containsExactly("temp");
        assertThat(request.message().uriHost()).contains("origin.example");

        byte[] responsePlain = ProtectedPlaintext.encode(Code.CONTENT,
                List.of(Option.ofUint(OptionNumber.CONTENT_FORMAT, 0),
                        Option.of(E2eOptions.REQUEST_BINDING, request.binding())),
                "22.5 C".getBytes(StandardCharsets.US_ASCII));
        Message responseOuter = protector.protectResponse(originalResponse(), server, request.binding());
        byte[] responseBytes = MessageCodec.encode(responseOuter);

        byte[] requestPlain = ProtectedPlaintext.encode(Code.GET,
                List.of(Option.ofString(OptionNumber.URI_PATH, "temp")), new byte[0]);
        assertThat(spaced(requestPlain)).isEqualTo(REQUEST_PLAIN);
        assertThat(spaced(requestOuter)).isEqualTo(REQUEST_OUTER);
        assertThat(spaced(responsePlain)).isEqualTo(RESPONSE_PLAIN);
        assertThat(spaced(responseBytes)).isEqualTo(RESPONSE_OUTER);

        Unprotected response = protector.unprotectResponse(MessageCodec.decode(responseBytes), association(true, 6),
                sealed.binding());
        assertThat(response.refusal()).isNull();
        assertThat(response.message().code()).isEqualTo(Code.CONTENT);
        assertThat(response.message().payloadAsString()).isEqualTo("22.5 C");
        assertThat(response.message().contentFormat()).hasValue(0);
    }

    @Test
    void theDocumentHoldsTheSameBytes() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "E2E.md"));
        for (String[] block : new String[][] {{"request plaintext:", REQUEST_PLAIN}, {"request outer:", REQUEST_OUTER},
                {"response plaintext:", RESPONSE_PLAIN}, {"response outer:", RESPONSE_OUTER}}) {
            Matcher m = Pattern.compile("```\n" + Pattern.quote(block[0]) + "\n([0-9a-f \n]+?)\n```").matcher(page);
            assertThat(m.find()).as("docs/E2E.md has a block %s", block[0]).isTrue();
            assertThat(m.group(1)).as(block[0]).isEqualTo(block[1]);
        }
    }

    static String spaced(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bytes.length; i++) {
            out.append(i == 0 ? "" : i % 16 == 0 ? "\n" : " ").append(String.format("%02x", bytes[i] & 0xFF));
        }
        return out.toString();
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }
}
