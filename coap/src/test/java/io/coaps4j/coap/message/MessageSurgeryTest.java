package io.coaps4j.coap.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The option and payload changes a server makes to each notification and block without rebuilding the message. */
class MessageSurgeryTest {
    private final Message response = Message.of(MessageType.ACK, Code.CONTENT, 5, Token.ofHex("aa"),
            List.of(Option.ofUint(OptionNumber.CONTENT_FORMAT, 0), Option.ofUint(OptionNumber.OBSERVE, 3),
                    Option.ofUint(OptionNumber.MAX_AGE, 30), Option.ofUint(OptionNumber.SIZE2, 10)),
            "0123456789".getBytes(StandardCharsets.US_ASCII));

    @Test
    void withOptionReplacesEveryOptionOfItsNumberInSortedPlace() {
        Message renumbered = response.withOption(Option.ofUint(OptionNumber.OBSERVE, 4));
        assertThat(renumbered).isEqualTo(rebuilt(List.of(Option.ofUint(OptionNumber.CONTENT_FORMAT, 0),
                Option.ofUint(OptionNumber.OBSERVE, 4), Option.ofUint(OptionNumber.MAX_AGE, 30),
                Option.ofUint(OptionNumber.SIZE2, 10))));
        Message withEtag = response.withOption(Option.of(OptionNumber.ETAG, new byte[] {1, 2}));
        assertThat(withEtag.options()).extracting(Option::number).containsExactly(OptionNumber.ETAG,
                OptionNumber.OBSERVE, OptionNumber.CONTENT_FORMAT, OptionNumber.MAX_AGE, OptionNumber.SIZE2);
        Message withBlock = response.withOption(Option.ofUint(OptionNumber.BLOCK2, 0x16));
        assertThat(withBlock.options()).extracting(Option::number).containsExactly(OptionNumber.OBSERVE,
                OptionNumber.CONTENT_FORMAT, OptionNumber.MAX_AGE, OptionNumber.BLOCK2, OptionNumber.SIZE2);
        Message repeated = Message.of(MessageType.CON, Code.GET, 1, Token.EMPTY, List.of(
                Option.ofString(OptionNumber.URI_PATH, "a"), Option.ofString(OptionNumber.URI_PATH, "b")), new byte[0]);
        assertThat(repeated.withOption(Option.ofString(OptionNumber.URI_PATH, "c")).uriPath()).containsExactly("c");
        assertThat(response.options()).hasSize(4); // the original is unchanged
        assertThatThrownBy(() -> Message.empty(MessageType.ACK, 1).withOption(Option.ofUint(OptionNumber.OBSERVE, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutOptionDropsEveryOptionOfItsNumberOnly() {
        assertThat(response.withoutOption(OptionNumber.OBSERVE)).isEqualTo(rebuilt(List.of(
                Option.ofUint(OptionNumber.CONTENT_FORMAT, 0), Option.ofUint(OptionNumber.MAX_AGE, 30),
                Option.ofUint(OptionNumber.SIZE2, 10))));
        assertThat(response.withoutOption(OptionNumber.ETAG)).isSameAs(response);
        Message one = Message.of(MessageType.CON, Code.GET, 1, Token.EMPTY,
                List.of(Option.ofUint(OptionNumber.OBSERVE, 0)), new byte[0]);
        assertThat(one.withoutOption(OptionNumber.OBSERVE).options()).isEmpty();
    }

    @Test
    void aPayloadSliceCarriesThoseBytesAndEncodesAsACopyWould() {
        Message block = response.withPayloadSlice(4, 3);
        assertThat(block.payloadAsString()).isEqualTo("456");
        assertThat(block.payloadLength()).isEqualTo(3);
        assertThat(block.payload()).containsExactly('4', '5', '6');
        Message copy = Message.of(MessageType.ACK, Code.CONTENT, 5, Token.ofHex("aa"), response.options(),
                "456".getBytes(StandardCharsets.US_ASCII));
        assertThat(block).isEqualTo(copy);
        assertThat(MessageCodec.encode(block)).isEqualTo(MessageCodec.encode(copy));
        assertThat(block.withPayloadSlice(1, 2).payloadAsString()).isEqualTo("56");
        assertThat(response.withPayloadSlice(10, 0).payloadLength()).isZero();
        assertThatThrownBy(() -> response.withPayloadSlice(8, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> response.withPayloadSlice(-1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void thePayloadViewIsReadOnlyAndCoversThePayloadOnly() {
        ByteBuffer view = response.withPayloadSlice(2, 5).payloadView();
        assertThat(view.isReadOnly()).isTrue();
        assertThat(view.remaining()).isEqualTo(5);
        byte[] read = new byte[5];
        view.get(read);
        assertThat(new String(read, StandardCharsets.US_ASCII)).isEqualTo("23456");
        assertThat(Message.empty(MessageType.ACK, 1).payloadView().remaining()).isZero();
    }

    private Message rebuilt(List<Option> options) {
        return Message.of(response.type(), response.code(), response.messageId(), response.token(), options,
                response.payload());
    }
}
