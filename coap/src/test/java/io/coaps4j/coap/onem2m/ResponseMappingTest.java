package io.coaps4j.coap.onem2m;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.ContentFormat;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResponseMappingTest {

    @Test
    void aCreatedResponseCarriesItsRscLocationAndContentAndComesBack() {
        ResponsePrimitive created = ResponsePrimitive.builder(ResponseStatusCode.CREATED).requestIdentifier("r1")
                .releaseVersion("3").from("/CSE178").originatingTimestamp(Instant.parse("2023-08-01T00:00:00Z"))
                .location("CSEBase/ae1").content("{\"m2m:ae\":{}}", ContentFormat.ONEM2M_RES_JSON.number()).build();
        CoapResponse coap = ResponseMapping.toCoap(created, Operation.CREATE);
        assertThat(coap.code()).isEqualTo(Code.CREATED);
        assertThat(coap.option(307).orElseThrow().value()).containsExactly(0x07, 0xD1); // 2001 in 2 bytes
        assertThat(coap.options().stream().filter(o -> o.number() == OptionNumber.LOCATION_PATH)
                .map(Option::stringValue)).containsExactly("CSEBase", "ae1");
        ResponsePrimitive back = ResponseMapping.fromCoap(coap, Operation.CREATE);
        assertThat(back.toString()).isEqualTo(created.toString());
        assertThat(back.from()).hasValue("/CSE178");
        assertThat(back.originatingTimestamp()).isEqualTo(created.originatingTimestamp());
        assertThat(back.contentFormat()).hasValue(10001);
    }

    /** Table 6.2.4-1: several RSCs share 4.03; the exact one travels in oneM2M-RSC. */
    @Test
    void theExactRscSurvivesASharedCoapCode() {
        ResponsePrimitive conflict = ResponsePrimitive.builder(4105).requestIdentifier("r").build();
        CoapResponse coap = ResponseMapping.toCoap(conflict, Operation.CREATE);
        assertThat(coap.code()).isEqualTo(Code.FORBIDDEN);
        assertThat(ResponseMapping.fromCoap(coap, Operation.CREATE).statusCode()).isEqualTo(4105);
        assertThat(ResponseMapping.fromCoap(CoapResponse.of(Code.FORBIDDEN), Operation.CREATE).statusCode())
                .isEqualTo(4103);
    }

    @Test
    void anOkToANotifyIsChangedWithoutPayload() {
        CoapResponse coap = ResponseMapping.toCoap(ResponsePrimitive.builder(2000).requestIdentifier("n").build(),
                Operation.NOTIFY);
        assertThat(coap.code()).isEqualTo(Code.CHANGED);
        assertThat(coap.payloadLength()).isZero();
        assertThatThrownBy(() -> ResponseMapping.toCoap(ResponsePrimitive.builder(2000).content("x", 50).build(),
                Operation.NOTIFY)).hasMessageContaining("NOTIFY carries no Content");
        assertThat(ResponseMapping.fromCoap(coap, Operation.NOTIFY).statusCode()).isEqualTo(2000);
    }

    @Test
    void releaseOneAndTwoRscIsRead() {
        CoapResponse old = CoapResponse.builder(Code.DELETED).option(Option.ofUint(265, 2002))
                .option(Option.ofString(257, "r")).build();
        ResponsePrimitive primitive = ResponseMapping.fromCoap(old, Operation.DELETE);
        assertThat(primitive.statusCode()).isEqualTo(2002);
        assertThat(primitive.requestIdentifier()).hasValue("r");
    }

    @Test
    void anRscOutsideTheRangeIsRefused() {
        assertThatThrownBy(() -> ResponsePrimitive.builder(200)).hasMessageContaining("1000..6999");
        CoapResponse bogus = CoapResponse.builder(Code.CONTENT).option(Option.ofUint(307, 200)).build();
        assertThatThrownBy(() -> ResponseMapping.fromCoap(bogus, Operation.RETRIEVE))
                .isInstanceOf(OneM2mBindingException.class).hasMessageContaining("1000..6999");
    }
}
