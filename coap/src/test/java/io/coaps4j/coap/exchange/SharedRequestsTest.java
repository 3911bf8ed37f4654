package io.coaps4j.coap.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reduced, shared registering requests that observations keep (issue 10: heap per observer). */
class SharedRequestsTest {
    private final SharedRequests shared = new SharedRequests();

    @Test
    void registrationsAlikeFromDifferentTokensAndMessageIdsShareOneMessage() {
        Message a = shared.share(registration(1, "a1", "temp", 50));
        Message b = shared.share(registration(2, "b2c3", "temp", 50));
        assertThat(b).isSameAs(a);
        assertThat(a.token()).isEqualTo(Token.EMPTY);
        assertThat(a.messageId()).isZero();
        assertThat(a.uriPath()).containsExactly("temp");
        assertThat(a.uintOption(OptionNumber.ACCEPT)).hasValue(50);
        assertThat(a.observe()).hasValue(0);
    }

    @Test
    void registrationsThatDifferInOptionsKeepTheirOwn() {
        Message json = shared.share(registration(1, "a1", "temp", 50));
        Message text = shared.share(registration(2, "a1", "temp", 0));
        Message other = shared.share(registration(3, "a1", "humidity", 50));
        assertThat(text).isNotSameAs(json);
        assertThat(other).isNotSameAs(json);
        assertThat(text.uintOption(OptionNumber.ACCEPT)).hasValue(0);
        assertThat(other.uriPath()).containsExactly("humidity");
    }

    @Test
    void theKeptRequestHoldsNoViewOfTheReceivedDatagram() throws Exception {
        byte[] datagram = MessageCodec.encode(registration(1, "a1", "temp", 50));
        Message received = MessageCodec.decode(datagram);
        Message kept = shared.share(received);
        java.util.Arrays.fill(datagram, (byte) 0); // a receive buffer reused for the next datagram
        assertThat(kept.uriPath()).containsExactly("temp");
        assertThat(kept.uintOption(OptionNumber.ACCEPT)).hasValue(50);
    }

    @Test
    void tenThousandDistinctRegistrationsLeaveTheTableBounded() {
        for (int i = 0; i < 10_000; i++) {
            Message request = Message.of(MessageType.CON, Code.GET, i, Token.ofHex("01"),
                    List.of(Option.ofString(OptionNumber.URI_PATH, "temp"), Option.ofUint(OptionNumber.OBSERVE, 0),
                            Option.ofString(OptionNumber.URI_QUERY, "n=" + i)), new byte[0]);
            Message kept = shared.share(request);
            assertThat(kept.uriQuery()).containsExactly("n=" + i);
        }
        assertThat(shared.size()).isLessThanOrEqualTo(256);
    }

    private static Message registration(int messageId, String token, String path, int accept) {
        return Message.of(MessageType.CON, Code.GET, messageId, Token.ofHex(token),
                List.of(Option.ofString(OptionNumber.URI_PATH, path), Option.ofUint(OptionNumber.OBSERVE, 0),
                        Option.ofUint(OptionNumber.ACCEPT, accept)), new byte[0]);
    }
}
