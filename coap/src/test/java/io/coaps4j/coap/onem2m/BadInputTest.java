package io.coaps4j.coap.onem2m;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Requests that do not map to a primitive, answered with the CoAP code and the RSC TS-0008 gives them:
 * a repeated or malformed oneM2M option is an unrecognized critical option (RFC 7252 sections 5.4.1,
 * 5.4.3, 5.4.5: 4.02) with BAD_REQUEST (4000); a missing mandatory parameter is 4.00 / 4000 (table 6.2.4-1).
 */
class BadInputTest {
    private static final Option PATH = Option.ofString(OptionNumber.URI_PATH, "cse");
    private static final Option FR = Option.ofString(279, "Cae1");
    private static final Option RQI = Option.ofString(283, "r1");

    private static OneM2mBindingException refused(Code method, byte[] payload, Option... options) {
        return catchThrowableOfType(OneM2mBindingException.class,
                () -> RequestMapping.fromCoap(Wire.received(method, Arrays.asList(options), payload)));
    }

    private static OneM2mBindingException refused(Option... options) {
        return refused(Code.GET, new byte[0], options);
    }

    private static void assertAnswer(OneM2mBindingException e, String code, int rsc) {
        assertThat(e).as("refused").isNotNull();
        assertThat(e.code()).isEqualTo(Code.parse(code));
        assertThat(e.statusCode()).isEqualTo(rsc);
        CoapResponse answer = ResponseMapping.error(e);
        assertThat(answer.code()).isEqualTo(Code.parse(code));
        assertThat(answer.option(307).orElseThrow().uintValue()).isEqualTo(rsc);
        assertThat(answer.option(307).orElseThrow().length()).isEqualTo(2);
    }

    @Test
    void twoRequestIdentifiersAreABadOption() {
        OneM2mBindingException e = refused(PATH, FR, RQI, Option.ofString(283, "r2"));
        assertAnswer(e, "4.02", 4000);
        assertThat(e).hasMessageContaining("oneM2M-RQI").hasMessageContaining("more than once");
        assertThat(e.requestIdentifier()).isEmpty(); // which of the two would it echo?
    }

    @Test
    void aRequestIdentifierInBothNumberingsIsTwoToo() {
        assertAnswer(refused(PATH, FR, Option.ofString(257, "r-old"), RQI), "4.02", 4000);
    }

    @Test
    void optionsOfTheWrongFormatAreBadOptionsAndEchoTheRequestIdentifier() {
        OneM2mBindingException ty = refused(Code.POST, "{}".getBytes(), PATH, FR, RQI, Option.of(267, new byte[] {0, 0, 2}));
        assertAnswer(ty, "4.02", 4000);
        assertThat(ty).hasMessageContaining("oneM2M-TY");
        assertThat(ty.requestIdentifier()).hasValue("r1");
        assertThat(ResponseMapping.error(ty).option(283).orElseThrow().stringValue()).isEqualTo("r1");
        assertAnswer(refused(PATH, FR, RQI, Option.ofString(259, "2023-08-01")), "4.02", 4000); // OT: 15 chars
        assertAnswer(refused(PATH, FR, RQI, Option.ofString(259, "2023080XT102030")), "4.02", 4000);
        assertAnswer(refused(PATH, FR, RQI, Option.ofString(271, "")), "4.02", 4000); // RVI: 1..2
        assertAnswer(refused(PATH, FR, RQI, Option.ofUint(303, 256)), "4.02", 4000); // EC: 1 byte
        assertAnswer(refused(PATH, FR, RQI, Option.of(279, new byte[] {(byte) 0xC3, 0x28})), "4.02", 4000); // not UTF-8
    }

    @Test
    void missingMandatoryParametersAreBadRequests() {
        assertThat(refused(PATH, FR)).hasMessageContaining("Request Identifier");
        assertAnswer(refused(PATH, FR), "4.00", 4000);
        assertAnswer(refused(PATH, RQI), "4.00", 4000); // From
        assertAnswer(refused(Code.PUT, new byte[0], PATH, FR, RQI), "4.00", 4000); // Content of an UPDATE
        assertAnswer(refused(FR, RQI), "4.00", 4000); // To: no Uri-Path
        assertAnswer(refused(Option.ofString(OptionNumber.URI_PATH, "~"), FR, RQI), "4.00", 4000);
        OneM2mBindingException create = refused(Code.POST, "{}".getBytes(), PATH, FR, RQI,
                Option.ofString(OptionNumber.URI_QUERY, "op=1"));
        assertAnswer(create, "4.00", 4000);
        assertThat(create).hasMessageContaining("Resource Type");
    }

    @Test
    void aBadOrContradictingOperationIsABadRequest() {
        assertAnswer(refused(PATH, FR, RQI, Option.ofString(OptionNumber.URI_QUERY, "op=9")), "4.00", 4000);
        assertAnswer(refused(PATH, FR, RQI, Option.ofString(OptionNumber.URI_QUERY, "op=4")), "4.00", 4000);
        assertAnswer(refused(PATH, FR, RQI, Option.ofString(OptionNumber.URI_QUERY, "rt=x")), "4.00", 4000);
        OneM2mBindingException ampersand = refused(PATH, FR, RQI, Option.ofString(OptionNumber.URI_QUERY, "a&b=1"));
        assertAnswer(ampersand, "4.00", 4000);
        assertThat(ampersand.requestIdentifier()).hasValue("r1");
    }

    /** Table 6.2.4-1 rows the Receiver's binding itself produces. */
    @Test
    void unsupportedReleaseMediaTypeAcceptAndMethodGetTheirRows() {
        assertAnswer(refused(PATH, FR, RQI, Option.ofString(271, "9")), "5.01", 4001);
        assertAnswer(refused(Code.POST, "x".getBytes(), PATH, FR, RQI, Option.ofUint(OptionNumber.CONTENT_FORMAT, 0)),
                "4.15", 4015);
        assertAnswer(refused(PATH, FR, RQI, Option.ofUint(OptionNumber.ACCEPT, 40)), "4.06", 5207);
        assertAnswer(refused(Code.FETCH, new byte[0], PATH, FR, RQI), "4.05", 4005);
    }

    @Test
    void aResponseWithTwoRscsIsRefusedAtTheClient() {
        List<Option> options = new ArrayList<>(List.of(Option.ofUint(307, 2000), Option.ofUint(307, 4004)));
        CoapResponse response = CoapResponse.builder(Code.CONTENT).options(options).build();
        assertAnswer(catchThrowableOfType(OneM2mBindingException.class,
                () -> ResponseMapping.fromCoap(response, Operation.RETRIEVE)), "4.02", 4000);
    }
}
