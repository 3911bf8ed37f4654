package io.coaps4j.e2e;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageFormatException;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.Token;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.e2e.E2eProtector.Unprotected;

import java.util.List;

import static io.coaps4j.e2e.E2eVectorTest.association;
import static io.coaps4j.e2e.E2eVectorTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzz targets (Jazzer) for what the end-to-end layer reads (docs/E2E.md): a protected message
 * from the network, opened under the SA of {@link E2eVectorTest}, and the plaintext inside a record sealed under
 * that SA, whatever it holds. Seeds in {@code E2eParsersFuzzTestInputs/<target>/} are the worked example of
 * docs/E2E.md section 8; {@code scripts/fuzz.sh} fuzzes.
 *
 * <p>Pass criterion: an opened message or a refusal, never an exception, and the opened message no larger than
 * its input.
 */
class E2eParsersFuzzTest {
    private static final CryptoContext CRYPTO = CryptoContext.create();
    /** The binding of the example's request (epoch 1, sequence number 5), which its response carries. */
    private static final byte[] REQUEST_BINDING = hex("0001000000000005");

    private static void opened(Unprotected result, int inputLength, boolean request) {
        if (result.refusal() != null) {
            assertThat(result.message()).isNull();
            return;
        }
        Message message = result.message();
        assertThat(request ? message.code().isRequest() : message.code().isResponse()).isTrue();
        assertThat(message.payloadLength()).isLessThanOrEqualTo(inputLength);
        long optionBytes = message.options().stream().mapToLong(option -> option.value().length).sum();
        assertThat(optionBytes).isLessThanOrEqualTo(inputLength);
        assertThat(result.binding()).hasSize(8);
    }

    /** A datagram carrying a protected request (at the server) or response (at the client). */
    @FuzzTest
    void protectedMessage(byte[] datagram) {
        Message outer;
        try {
            outer = MessageCodec.decode(datagram);
        } catch (MessageFormatException rejected) {
            return;
        }
        E2eProtector protector = new E2eProtector(CRYPTO);
        if (outer.isRequest()) {
            opened(protector.unprotectRequest(outer, association(false, 2)), datagram.length, true);
        } else if (outer.isResponse()) {
            opened(protector.unprotectResponse(outer, association(true, 6), REQUEST_BINDING), datagram.length, false);
        }
    }

    /** The plaintext of a record that opens (docs/E2E.md section 1), as a request and as a response. */
    @FuzzTest
    void protectedPlaintext(byte[] plaintext) {
        E2eProtector protector = new E2eProtector(CRYPTO);
        byte[] requestRecord = association(true, 5).seal(CRYPTO, plaintext);
        Message request = Message.of(MessageType.CON, Code.POST, 1, Token.EMPTY,
                List.of(Option.of(E2eOptions.E2E, E2eVectorTest.SA_ID)), requestRecord);
        opened(protector.unprotectRequest(request, association(false, 2)), plaintext.length, true);

        byte[] responseRecord = association(false, 2).seal(CRYPTO, plaintext);
        Message response = Message.of(MessageType.ACK, Code.CHANGED, 1, Token.EMPTY,
                List.of(Option.empty(E2eOptions.E2E)), responseRecord);
        opened(protector.unprotectResponse(response, association(true, 6), REQUEST_BINDING), plaintext.length, false);
    }
}
