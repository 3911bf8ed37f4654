package io.coaps4j.coap.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentFormatAndCodeTest {

    @ParameterizedTest
    @CsvSource({
        "0, text/plain;charset=utf-8", "40, application/link-format", "41, application/xml",
        "42, application/octet-stream", "47, application/exi", "50, application/json", "60, application/cbor",
        "10001, application/vnd.onem2m-res+json", "10014, application/vnd.onem2m-res+xml",
        "10013, application/vnd.onem2m-prsp+cbor"})
    void looksUpByNumberAndByMediaType(int number, String mediaType) {
        ContentFormat format = ContentFormat.of(number).orElseThrow();
        assertThat(format.mediaType()).isEqualTo(mediaType);
        assertThat(ContentFormat.byMediaType(mediaType)).hasValue(format);
        assertThat(format.number()).isEqualTo(number);
    }

    @Test
    void mediaTypeLookupIgnoresCaseAndSpacesAndAcceptsOneM2mShortNames() {
        assertThat(ContentFormat.byMediaType("Text/Plain; charset=UTF-8")).hasValue(ContentFormat.TEXT_PLAIN);
        assertThat(ContentFormat.byMediaType("vnd.onem2m-ntfy+json")).hasValue(ContentFormat.ONEM2M_NTFY_JSON);
        assertThat(ContentFormat.byMediaType("text/html")).isEmpty();
    }

    @Test
    void unknownNumbersAreEmptyAndDescribedByNumber() {
        assertThat(ContentFormat.of(11542)).isEmpty();
        assertThat(ContentFormat.of(-1)).isEmpty();
        assertThat(ContentFormat.describe(11542)).isEqualTo("Content-Format 11542");
        assertThat(ContentFormat.describe(50)).isEqualTo("application/json");
        assertThat(ContentFormat.known()).hasSize(19).isSortedAccordingTo(
                (a, b) -> Integer.compare(a.number(), b.number()));
    }

    @ParameterizedTest
    @CsvSource({"0.01, 1", "2.05, 69", "4.04, 132", "5.03, 163", "2.31, 95", "7.31, 255", "0.00, 0"})
    void parsesTheDottedForm(String dotted, int value) {
        Code code = Code.parse(dotted);
        assertThat(code.value()).isEqualTo(value);
        assertThat(code.dotted()).isEqualTo(dotted);
    }

    @ParameterizedTest
    @CsvSource({"GET, 1", "post, 2", "Put, 3", "delete, 4", "FETCH, 5", "patch, 6", "ipatch, 7"})
    void parsesMethodNames(String name, int value) {
        assertThat(Code.parse(name)).isEqualTo(Code.of(value));
        assertThat(Code.method(name)).isEqualTo(Code.of(value));
    }

    @Test
    void rejectsTextThatIsNoCodeNamingIt() {
        assertThatThrownBy(() -> Code.parse("2.5")).hasMessageContaining("\"2.5\"");
        assertThatThrownBy(() -> Code.parse("8.00")).hasMessageContaining("class must be 0..7");
        assertThatThrownBy(() -> Code.parse("2.32")).hasMessageContaining("detail 00..31");
        assertThatThrownBy(() -> Code.parse("Content")).hasMessageContaining("GET, POST");
        assertThat(Code.method("Content")).isNull();
    }

    @Test
    void classifiesCodes() {
        assertThat(Code.of(1, 0).isReservedClass()).isTrue();
        assertThat(Code.of(6, 1).isReservedClass()).isTrue();
        assertThat(Code.CONTENT.isReservedClass()).isFalse();
        assertThat(Code.NOT_FOUND.isClientError()).isTrue();
        assertThat(Code.BAD_GATEWAY.isServerError()).isTrue();
        assertThat(Code.TOO_MANY_REQUESTS.dotted()).isEqualTo("4.29");
        assertThat(Code.parse("4.09")).isSameAs(Code.CONFLICT);
        assertThat(Code.parse("4.09").toString()).isEqualTo("4.09 Conflict");
    }
}
