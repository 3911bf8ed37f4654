package io.coaps4j.e2e;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageFormatException;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.Token;
import java.util.List;

/**
 * The plaintext that is sealed into the record (docs/E2E.md section 1): the 2-byte protected header (6 bits
 * of zero padding, the 2-bit version, the 8-bit code), the inner options in CoAP option encoding, and the
 * payload marker and payload. The option encoding is {@link MessageCodec}'s: a CoAP message without token
 * is the 4-byte header followed by exactly these options and payload.
 */
final class ProtectedPlaintext {
    static final int VERSION = 1;
    private static final int COAP_HEADER = 4;

    private ProtectedPlaintext() {
    }

    /** The plaintext of code {@code code} with {@code innerOptions} and {@code payload}. */
    static byte[] encode(Code code, List<Option> innerOptions, byte[] payload) {
        byte[] message = MessageCodec.encode(Message.of(MessageType.CON, code, 0, Token.EMPTY, innerOptions, payload));
        byte[] plaintext = new byte[message.length - 2];
        plaintext[0] = VERSION; // padding 000000, version 01
        plaintext[1] = (byte) code.value();
        System.arraycopy(message, COAP_HEADER, plaintext, 2, message.length - COAP_HEADER);
        return plaintext;
    }

    /**
     * The code, inner options and payload of {@code plaintext}, as a message with no type, ID or token of its
     * own (CON, 0, empty).
     *
     * @throws MessageFormatException when the header's padding or version is wrong or the options are malformed
     */
    static Message decode(byte[] plaintext) throws MessageFormatException {
        if (plaintext.length < 2 || plaintext[0] != VERSION) {
            throw MessageFormatException.unreadableHeader("protected header must be padding 0 and version 1");
        }
        byte[] message = new byte[plaintext.length + 2];
        message[0] = (byte) (VERSION << 6); // CON, TKL 0
        message[1] = plaintext[1];
        System.arraycopy(plaintext, 2, message, COAP_HEADER, plaintext.length - 2);
        Message inner = MessageCodec.decode(message);
        if (inner.code().isEmpty()) {
            throw MessageFormatException.unreadableHeader("protected code 0.00");
        }
        return inner;
    }
}
