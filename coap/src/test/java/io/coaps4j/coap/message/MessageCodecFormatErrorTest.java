package io.coaps4j.coap.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every message format error of RFC 7252 section 3, 3.1 and 4.1, and what the exception carries. */
class MessageCodecFormatErrorTest {
    private static final HexFormat HEX = HexFormat.of();

    private static MessageFormatException rejection(String hex) {
        MessageFormatException e = catchThrowableOfType(MessageFormatException.class,
                () -> MessageCodec.decode(HEX.parseHex(hex)));
        assertThat(e).as("decoding %s", hex).isNotNull();
        return e;
    }

    private static void assertMalformedCon(String hex, String reasonPart) {
        MessageFormatException e = rejection(hex);
        assertThat(e.type()).hasValue(MessageType.CON);
        assertThat(e.messageId()).isEqualTo(0x1234);
        assertThat(e.requiresReset()).isTrue();
        assertThat(e).hasMessageContaining(reasonPart);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "40", "4001", "400112"})
    void shorterThanTheHeaderIsUnreadable(String hex) {
        MessageFormatException e = rejection(hex);
        assertThat(e.type()).isEmpty();
        assertThat(e.messageId()).isEqualTo(-1);
        assertThat(e.requiresReset()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"00011234", "80011234", "c0011234", "8001123441ff"})
    void otherVersionsAreSilentlyIgnored(String hex) {
        // Section 3: messages with unknown version numbers MUST be silently ignored, so no RST either.
        MessageFormatException e = rejection(hex);
        assertThat(e.type()).isEmpty();
        assertThat(e.requiresReset()).isFalse();
        assertThat(e).hasMessageContaining("version");
    }

    @ParameterizedTest
    @ValueSource(ints = {9, 10, 11, 12, 13, 14, 15})
    void tokenLengthsNineToFifteenAreFormatErrors(int tokenLength) {
        String hex = HEX.toHexDigits((byte) (0x40 | tokenLength)) + "011234" + "00".repeat(16);
        assertMalformedCon(hex, "token length " + tokenLength);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 8})
    void tokenLengthsZeroToEightAreAccepted(int tokenLength) throws MessageFormatException {
        String token = "a5".repeat(tokenLength);
        Message message = MessageCodec.decode(HEX.parseHex(HEX.toHexDigits((byte) (0x40 | tokenLength)) + "011234" + token));
        assertThat(message.token().length()).isEqualTo(tokenLength);
        assertThat(HEX.formatHex(message.token().bytes())).isEqualTo(token);
    }

    @Test
    void tokenRunningPastTheEndIsAFormatError() {
        assertMalformedCon("44011234aabbcc", "token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4000123400", "40001234ff01", "4100123401", "40001234b161"})
    void emptyMessageWithAnythingAfterTheHeaderIsAFormatError(String hex) {
        // Section 4.1: Empty (0.00) has TKL 0 and no bytes after the Message ID.
        assertMalformedCon(hex, "empty message");
    }

    @ParameterizedTest
    @ValueSource(strings = {"41001234", "48001234"})
    void emptyMessageWithANonZeroTokenLengthIsAFormatError(String hex) {
        // Found by the fuzz property: TKL 1 with nothing after the header once passed as Empty.
        assertMalformedCon(hex, "empty message with token length");
    }

    @Test
    void nonConfirmableFormatErrorsNeedNoReset() {
        MessageFormatException e = rejection("50001234ff");
        assertThat(e.type()).hasValue(MessageType.NON);
        assertThat(e.requiresReset()).isFalse();
    }

    @Test
    void payloadMarkerWithoutPayloadIsAFormatError() {
        assertMalformedCon("40011234ff", "payload marker");
        assertMalformedCon("40011234b161ff", "payload marker");
    }

    @ParameterizedTest
    @ValueSource(strings = {"f0", "f1", "fe"})
    void optionDeltaFifteenOutsideThePayloadMarkerIsAFormatError(String optionHeader) {
        assertMalformedCon("40011234" + optionHeader + "000000", "delta 15");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0f", "bf", "df00"})
    void optionLengthFifteenIsAFormatError(String optionHeader) {
        assertMalformedCon("40011234" + optionHeader + "000000", "length 15");
    }

    @ParameterizedTest
    @ValueSource(strings = {"d0", "e0", "e000", "0d", "0e", "0e00", "dd00"})
    void extendedFieldsRunningPastTheEndAreFormatErrors(String optionBytes) {
        assertMalformedCon("40011234" + optionBytes, "runs past the end");
    }

    @ParameterizedTest
    @ValueSource(strings = {"03aabb", "0d00" + "00", "0e0000" + "00", "b568656c6c"})
    void optionValueRunningPastTheEndIsAFormatError(String optionBytes) {
        assertMalformedCon("40011234" + optionBytes, "runs past the end");
    }

    @Test
    void optionNumberPast65535IsAFormatError() {
        // 65535 is reachable (269 + 0xfef2), one more delta 1 is not.
        assertMalformedCon("40011234" + "e0fef2" + "10", "past 65535");
    }

    @Test
    void optionNumberPast65535InASingleDeltaIsAFormatError() {
        assertMalformedCon("40011234" + "e0ffff", "past 65535");
    }

    @Test
    void the0xffByteInsideAnOptionValueIsNotAPayloadMarker() throws MessageFormatException {
        // Section 3, implementation note: 0xFF is a marker only where an option could start.
        Message message = MessageCodec.decode(HEX.parseHex("40011234" + "42ffff" + "ff01"));
        assertThat(message.option(4).orElseThrow().value()).containsExactly(0xff, 0xff);
        assertThat(message.payload()).containsExactly(1);
    }

    @Test
    void reservedCodeClassesDecodeSoTheMessageLayerCanRejectThem() throws MessageFormatException {
        // Section 4.2: a CON with a reserved class (1, 6, 7) is rejected with an RST by the message
        // layer, which needs its type and message ID; the codec reads it.
        Message message = MessageCodec.decode(HEX.parseHex("40e11234"));
        assertThat(message.code().isReservedClass()).isTrue();
        assertThat(message.code().dotted()).isEqualTo("7.01");
    }

    @Test
    void decodeRangeOutsideTheArrayIsACallerError() {
        assertThatThrownBy(() -> MessageCodec.decode(new byte[4], 2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void encodeIntoATooSmallBufferIsACallerErrorAndWritesNothing() {
        Message message = Message.empty(MessageType.CON, 1);
        byte[] buffer = new byte[5];
        assertThatThrownBy(() -> MessageCodec.encode(message, buffer, 2))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("needs 4 bytes");
        assertThat(buffer).containsOnly(0);
    }
}
