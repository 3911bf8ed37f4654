package io.coaps4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.Token;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.e2e.E2eAssociation.Refusal;
import io.coaps4j.e2e.E2eProtector.SealedRequest;
import io.coaps4j.e2e.E2eProtector.Unprotected;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The protector against each change a proxy could make to a protected part (docs/E2E.md sections 5 and 6). */
class TamperTest {
    private final E2eProtector protector = new E2eProtector(CryptoContext.create());
    private final E2eAssociation client = E2eVectorTest.association(true, 0);
    private final E2eAssociation server = E2eVectorTest.association(false, 0);

    static byte[] flipLastByte(byte[] datagram) {
        byte[] out = datagram.clone();
        out[out.length - 1] ^= 0x01;
        return out;
    }

    private static Message request(String path) {
        return Message.of(MessageType.CON, Code.GET, 1, Token.of(new byte[] {1}),
                List.of(Option.ofString(OptionNumber.URI_PATH, path), E2eOptions.protectWith(E2eVectorTest.SA_ID)),
                new byte[0]);
    }

    private static Message response(String text) {
        return Message.of(MessageType.ACK, Code.CONTENT, 1, Token.of(new byte[] {1}), List.of(),
                text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyByteOfTheRecordIsCovered() {
        Message outer = protector.protectRequest(request("a"), client).outer();
        byte[] record = outer.payload();
        for (int i = 0; i < record.length; i++) {
            byte[] tampered = record.clone();
            tampered[i] ^= 0x80;
            Message changed = Message.of(outer.type(), outer.code(), outer.messageId(), outer.token(),
                    outer.options(), tampered);
            assertThat(protector.unprotectRequest(changed, server).refusal()).as("byte %d", i).isNotNull();
        }
        assertThat(protector.unprotectRequest(outer, server).refusal()).isNull(); // the window never moved
    }

    @Test
    void aSwappedResponseFailsTheBinding() {
        SealedRequest a = protector.protectRequest(request("a"), client);
        SealedRequest b = protector.protectRequest(request("b"), client);
        Unprotected openedA = protector.unprotectRequest(a.outer(), server);
        Unprotected openedB = protector.unprotectRequest(b.outer(), server);
        Message responseA = protector.protectResponse(response("for a"), server, openedA.binding());
        Message responseB = protector.protectResponse(response("for b"), server, openedB.binding());

        // The proxy hands B's response to A's exchange: authentic, but bound to B.
        assertThat(protector.unprotectResponse(responseB, client, a.binding()).refusal())
                .isEqualTo(Refusal.NOT_AUTHENTIC);
        assertThat(protector.unprotectResponse(responseA, client, a.binding()).message().payloadAsString())
                .isEqualTo("for a");
    }

    @Test
    void aReplayedResponseIsRefused() {
        SealedRequest a = protector.protectRequest(request("a"), client);
        Unprotected opened = protector.unprotectRequest(a.outer(), server);
        Message response = protector.protectResponse(response("once"), server, opened.binding());

        assertThat(protector.unprotectResponse(response, client, a.binding()).refusal()).isNull();
        assertThat(protector.unprotectResponse(response, client, a.binding()).refusal()).isEqualTo(Refusal.REPLAY);
    }

    @Test
    void anInnerE2eOptionCannotClaimAnotherSa() {
        // A holder of SA 5a01 puts E2E = 5a02 inside its plaintext: the request delivered names 5a01 only.
        Message sneaky = Message.of(MessageType.CON, Code.GET, 1, Token.EMPTY,
                List.of(Option.ofString(OptionNumber.URI_PATH, "a"), Option.of(E2eOptions.REQUEST_BINDING, new byte[8])),
                new byte[0]);
        byte[] plaintext = ProtectedPlaintext.encode(Code.GET, List.of(Option.of(E2eOptions.E2E, new byte[] {0x5a, 2})),
                new byte[0]);
        byte[] record = client.seal(CryptoContext.create(), plaintext);
        Message outer = Message.of(MessageType.CON, Code.POST, 1, Token.EMPTY,
                List.of(E2eOptions.protectWith(E2eVectorTest.SA_ID)), record);

        Message delivered = protector.unprotectRequest(outer, server).message();

        assertThat(delivered.options(E2eOptions.E2E)).extracting(Option::value)
                .containsExactly(E2eVectorTest.SA_ID);
        assertThat(protector.protectRequest(sneaky, client).outer().options(E2eOptions.REQUEST_BINDING)).isEmpty();
    }

    @Test
    void aPlaintextWithWrongPaddingIsRefused() {
        byte[] plaintext = ProtectedPlaintext.encode(Code.GET, List.of(), new byte[0]);
        plaintext[0] = (byte) 0x81; // a padding bit set
        byte[] record = client.seal(CryptoContext.create(), plaintext);
        Message outer = Message.of(MessageType.CON, Code.POST, 1, Token.EMPTY,
                List.of(E2eOptions.protectWith(E2eVectorTest.SA_ID)), record);

        assertThat(protector.unprotectRequest(outer, server).refusal()).isEqualTo(Refusal.BAD_INNER);
    }
}
