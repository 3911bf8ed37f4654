package io.coaps4j.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.cli.ExitCodes;
import io.coaps4j.coap.message.Code;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class ArgumentConvertersTest {
    private final ContentFormatConverter contentFormats = new ContentFormatConverter();
    private final SecondsConverter seconds = new SecondsConverter();

    @ParameterizedTest
    @CsvSource({
        "0, 0", "50, 50", "65535, 65535", "text/plain, 0", "TEXT/PLAIN, 0", "'text/plain;charset=utf-8', 0",
        "application/json, 50", "application/link-format, 40", "application/cbor, 60",
        "application/octet-stream, 42", "application/vnd.onem2m-res+json, 10001"})
    void contentFormatsAreReadAsNumbersOrMediaTypes(String argument, int expected) {
        assertThat(contentFormats.convert(argument)).isEqualTo(expected);
    }

    @Test
    void anUnknownMediaTypeNamesTheKnownOnes() {
        assertThatThrownBy(() -> contentFormats.convert("image/png"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("unknown content format 'image/png'")
                .hasMessageContaining("application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"65536", "99999999999", "-1"})
    void contentFormatNumbersOutOfRangeAreRejected(String argument) {
        assertThatThrownBy(() -> contentFormats.convert(argument)).isInstanceOf(TypeConversionException.class);
    }

    @ParameterizedTest
    @CsvSource({"5, 5000", "2.5, 2500", "0.001, 1", "3600, 3600000"})
    void timeoutsAreSeconds(String argument, long expectedMillis) {
        assertThat(seconds.convert(argument)).isEqualTo(Duration.ofMillis(expectedMillis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "3601", "ten", ""})
    void timeoutsMustBePositiveAndBounded(String argument) {
        assertThatThrownBy(() -> seconds.convert(argument)).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void exitStatusFollowsTheResponseClass() {
        assertThat(ResponseReport.exitCodeFor(Code.CONTENT)).isEqualTo(ExitCodes.OK);
        assertThat(ResponseReport.exitCodeFor(Code.CREATED)).isEqualTo(ExitCodes.OK);
        assertThat(ResponseReport.exitCodeFor(Code.NOT_FOUND)).isEqualTo(ExitCodes.CLIENT_ERROR_RESPONSE);
        assertThat(ResponseReport.exitCodeFor(Code.INTERNAL_SERVER_ERROR)).isEqualTo(ExitCodes.SERVER_ERROR_RESPONSE);
        assertThat(ResponseReport.exitCodeFor(Code.of(3, 0))).isEqualTo(ExitCodes.FAILURE);
    }
}
