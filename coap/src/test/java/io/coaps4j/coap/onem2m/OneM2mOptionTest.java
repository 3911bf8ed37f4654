package io.coaps4j.coap.onem2m;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.OneM2mOptions;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.OptionRegistry;
import io.coaps4j.coap.message.Token;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OneM2mOptionTest {

    /** TS-0008 V3.9 table 6.2.2.4.0-1, row by row: number, name, format, length. */
    @ParameterizedTest
    @CsvSource({
        "279, oneM2M-FR, STRING, 0, 255", "283, oneM2M-RQI, STRING, 0, 255", "259, oneM2M-OT, STRING, 15, 15",
        "291, oneM2M-RQET, STRING, 15, 15", "295, oneM2M-RSET, STRING, 15, 15", "299, oneM2M-OET, STRING, 15, 15",
        "263, oneM2M-RTURI, STRING, 0, 255", "303, oneM2M-EC, UINT, 1, 1", "307, oneM2M-RSC, UINT, 2, 2",
        "311, oneM2M-GID, STRING, 0, 255", "267, oneM2M-TY, UINT, 2, 2", "319, oneM2M-CTO, UINT, 2, 2",
        "323, oneM2M-CTS, UINT, 2, 2", "327, oneM2M-ATI, STRING, 0, 255", "271, oneM2M-RVI, STRING, 1, 2",
        "331, oneM2M-VSI, STRING, 0, 255", "335, oneM2M-GTM, STRING, 0, 512", "339, oneM2M-AUS, STRING, 0, 255",
        "275, oneM2M-ASRI, STRING, 0, 255"})
    void everyOptionOfTheTableHasItsNumberFormatAndLength(int number, String name, String format, int min, int max) {
        OneM2mOption option = OneM2mOption.byNumber(number);
        assertThat(option).isNotNull();
        assertThat(option.number()).isEqualTo(number);
        assertThat(option.optionName()).isEqualTo(name);
        assertThat(option.format().name()).isEqualTo(format);
        assertThat(option.minLength()).isEqualTo(min);
        assertThat(option.maxLength()).isEqualTo(max);
        // Table columns C and U: critical and unsafe, which RFC 7252 section 5.4.6 reads from the number.
        assertThat(OptionNumber.isCritical(number)).isTrue();
        assertThat(OptionNumber.isUnsafe(number)).isTrue();
        assertThat(OptionNumber.isNoCacheKey(number)).isFalse();
    }

    @Test
    void theNineteenOptionsAgreeWithTheCoapModulesOwnList() {
        assertThat(OneM2mOption.values()).hasSize(19);
        assertThat(OneM2mOptions.definitions()).allSatisfy(definition -> {
            OneM2mOption option = OneM2mOption.byNumber(definition.number());
            assertThat(option.optionName()).isEqualTo(definition.name());
            assertThat(option.maxLength()).isEqualTo(definition.maxLength());
        });
    }

    /** Release 1/2 numbering (256..267): the renumbered ones, and the five that are elective there. */
    @ParameterizedTest
    @CsvSource({"256, FR, false", "257, RQI, true", "260, RQET, false", "261, RSET, true", "262, OET, false",
        "264, EC, false", "265, RSC, true", "266, GID, false", "259, OT, true", "263, RTURI, true", "267, TY, true"})
    void releaseOneAndTwoNumbersAreRead(int number, OneM2mOption option, boolean critical) {
        assertThat(OneM2mOption.byNumber(number)).isEqualTo(option);
        assertThat(OptionNumber.isCritical(number)).isEqualTo(critical);
        assertThat(OneM2mBinding.options(EngineConfig.DEFAULT_OPTIONS).isDefined(number)).isTrue();
    }

    @Test
    void theDefaultRegistryRefusesAOneM2mRequestAndTheBindingsRegistryLetsItThrough() {
        Message request = Message.of(MessageType.CON, Code.GET, 1, Token.EMPTY, List.of(
                Option.ofString(OptionNumber.URI_PATH, "cse"), Option.ofString(OneM2mOption.FR.number(), "Cae1"),
                Option.ofString(OneM2mOption.RQI.number(), "r1"), Option.ofString(OneM2mOption.RVI.number(), "3")),
                new byte[0]);
        OptionRegistry plain = EngineConfig.DEFAULT_OPTIONS;
        OptionRegistry oneM2m = OneM2mBinding.config(EngineConfig.DEFAULT).recognizedOptions();
        assertThat(plain.firstUnrecognizedCritical(request)).hasValue(OneM2mOption.RVI.number());
        assertThat(oneM2m.firstUnrecognizedCritical(request)).isEmpty();
        // The base's own options stay; a registry that already had the strict oneM2M list is replaced.
        assertThat(oneM2m.isDefined(OptionNumber.URI_PATH)).isTrue();
        OptionRegistry strict = plain.toBuilder().addAll(OneM2mOptions.definitions()).build();
        assertThat(OneM2mBinding.options(strict).definition(OneM2mOption.TY.number()).orElseThrow().minLength()).isZero();
    }

    @Test
    void repeatedAndMalformedOneM2mOptionsReachTheBindingInsteadOfABareBadOption() {
        OptionRegistry oneM2m = OneM2mBinding.options(EngineConfig.DEFAULT_OPTIONS);
        Message twoRqi = Message.of(MessageType.CON, Code.GET, 1, Token.EMPTY, List.of(
                Option.ofString(OneM2mOption.RQI.number(), "a"), Option.ofString(OneM2mOption.RQI.number(), "b"),
                Option.of(OneM2mOption.TY.number(), new byte[] {0, 0, 4})), new byte[0]);
        assertThat(oneM2m.firstUnrecognizedCritical(twoRqi)).isEmpty();
        assertThat(oneM2m.recognizedOnly(twoRqi).options()).hasSize(3);
    }
}
