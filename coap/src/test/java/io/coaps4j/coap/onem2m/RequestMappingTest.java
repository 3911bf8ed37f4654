package io.coaps4j.coap.onem2m;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.ContentFormat;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestMappingTest {
    private static final String BASE = "coap://127.0.0.1:5683";
    private static final String JSON = "{\"m2m:ae\":{\"rn\":\"ae1\",\"api\":\"Nabc\",\"rr\":true,\"srv\":[\"3\"]}}";

    private static List<String> values(Message message, int number) {
        return message.options().stream().filter(o -> o.number() == number).map(Option::stringValue).toList();
    }

    /** TS-0008 table 6.2.2.3-1, each column: the To parameter and the Uri-Path options top to bottom. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "CSEBase/ae12/cont27/contInst696; CSEBase,ae12,cont27,contInst696",
        "/CSE178/CSEBase/ae12/cont27/contInst696; ~,CSE178,CSEBase,ae12,cont27,contInst696",
        "//mym2msp.org/CSE178/CSEBase/ae12/cont27/contInst696; _,mym2msp.org,CSE178,CSEBase,ae12,cont27,contInst696",
        "cin00856; cin00856",
        "/CSE178/cin00856; ~,CSE178,cin00856",
        "//mym2msp.org/CSE178/cin00856; _,mym2msp.org,CSE178,cin00856"})
    void toMapsToUriPathAsTable6223Shows(String to, String path) {
        RequestPrimitive primitive = RequestPrimitive.builder(Operation.RETRIEVE, to).from("Cae1")
                .requestIdentifier("r1").build();
        Message message = Wire.message(RequestMapping.toCoap(primitive, BASE));
        assertThat(values(message, OptionNumber.URI_PATH)).containsExactlyElementsOf(Arrays.asList(path.split(",")));
        assertThat(RequestMapping.fromCoap(Wire.received(RequestMapping.toCoap(primitive, BASE))).to()).isEqualTo(to);
    }

    /** TS-0008 table 6.2.1-1, blocking: the operation's method, no "op" in the query. */
    @ParameterizedTest
    @CsvSource({"CREATE, POST", "RETRIEVE, GET", "UPDATE, PUT", "DELETE, DELETE", "NOTIFY, POST"})
    void theBlockingMethodIsTheOperationsAndComesBack(Operation operation, String method) {
        RequestPrimitive.Builder b = RequestPrimitive.builder(operation, "cse/ae1").from("Cae1").requestIdentifier("r-9");
        if (operation == Operation.CREATE) {
            b.resourceType(3);
        }
        if (operation.needsContent()) {
            b.content("{}", ContentFormat.JSON.number());
        }
        ClientRequest request = RequestMapping.toCoap(b.build(), BASE);
        assertThat(request.method()).isEqualTo(Code.method(method));
        assertThat(request.uri().query()).isEmpty();
        // Clause 6.2.1: a POST without an Operation is CREATE with a Resource Type and NOTIFY without.
        assertThat(RequestMapping.fromCoap(Wire.received(request)).operation()).isEqualTo(operation);
    }

    /** Clauses 6.3.2 to 6.3.4: non-blocking and flex-blocking requests are POST with "op" and "rt". */
    @Test
    void aNonBlockingRetrieveIsAPostWithOpAndRtInTheQuery() {
        RequestPrimitive primitive = RequestPrimitive.builder(Operation.RETRIEVE, "cse/cnt1").from("Cae1")
                .requestIdentifier("r2").responseType(ResponseType.NON_BLOCKING_REQUEST_ASYNCH)
                .notificationUri("coap://10.0.0.2/notify").notificationUri("Cae1").build();
        ClientRequest request = RequestMapping.toCoap(primitive, BASE);
        assertThat(request.method()).isEqualTo(Code.POST);
        assertThat(request.uri().query()).containsExactly("op=2", "rt=2");
        assertThat(values(Wire.message(request), OneM2mOption.RTURI.number()))
                .containsExactly("coap://10.0.0.2/notify&Cae1");
        RequestPrimitive back = RequestMapping.fromCoap(Wire.received(request));
        assertThat(back.operation()).isEqualTo(Operation.RETRIEVE);
        assertThat(back.responseType()).hasValue(ResponseType.NON_BLOCKING_REQUEST_ASYNCH);
        assertThat(back.notificationUris()).containsExactly("coap://10.0.0.2/notify", "Cae1");
    }

    @Test
    void everyParameterRoundTripsThroughCoap() {
        Instant t = Instant.parse("2023-08-01T10:20:30Z");
        RequestPrimitive primitive = RequestPrimitive.builder(Operation.CREATE, "/CSE178/CSEBase")
                .from("Cae-01").requestIdentifier("req 0001").resourceType(2).releaseVersion("3")
                .originatingTimestamp(t).requestExpiration(t.plusSeconds(60)).resultExpiration(t.plusSeconds(120))
                .operationExecutionTime(t.plusSeconds(5)).eventCategory(3).groupRequestIdentifier("grp-7")
                .vendorInformation("vendor=x").query("rcn", "1").query("lbl", "a").query("lbl", "b")
                .accept(ContentFormat.ONEM2M_RES_JSON.number()).content(JSON, ContentFormat.ONEM2M_RES_JSON.number())
                .build();
        ClientRequest request = RequestMapping.toCoap(primitive, BASE);
        Message message = Wire.message(request);
        // Options of table 6.2.2.4.0-1 in their current numbers, uints at the table's width.
        assertThat(values(message, 279)).containsExactly("Cae-01");
        assertThat(values(message, 283)).containsExactly("req 0001");
        assertThat(values(message, 259)).containsExactly("20230801T102030");
        assertThat(values(message, 291)).containsExactly("20230801T102130");
        assertThat(message.options().stream().filter(o -> o.number() == 267).findFirst().orElseThrow().value())
                .containsExactly(0, 2);
        assertThat(message.options().stream().filter(o -> o.number() == 303).findFirst().orElseThrow().value())
                .containsExactly(3);
        assertThat(values(message, 271)).containsExactly("3");

        RequestPrimitive back = RequestMapping.fromCoap(Wire.received(request));
        assertThat(back.toString()).isEqualTo(primitive.toString());
        assertThat(back.from()).hasValue("Cae-01");
        assertThat(back.resourceType()).hasValue(2);
        assertThat(back.originatingTimestamp()).hasValue(t);
        assertThat(back.requestExpiration()).hasValue(t.plusSeconds(60));
        assertThat(back.resultExpiration()).hasValue(t.plusSeconds(120));
        assertThat(back.operationExecutionTime()).hasValue(t.plusSeconds(5));
        assertThat(back.eventCategory()).hasValue(3);
        assertThat(back.groupRequestIdentifier()).hasValue("grp-7");
        assertThat(back.vendorInformation()).hasValue("vendor=x");
        assertThat(back.query()).isEqualTo(primitive.query());
        assertThat(back.query("lbl")).containsExactly("a", "b");
        assertThat(back.accept()).hasValue(10001);
        assertThat(back.contentAsString()).isEqualTo(JSON);
        assertThat(back.contentFormat()).hasValue(10001);
    }

    @Test
    void releaseOneAndTwoOptionNumbersAreReadToo() {
        List<Option> options = List.of(Option.ofString(OptionNumber.URI_PATH, "cse"), Option.ofString(256, "Cold"),
                Option.ofString(257, "old-rqi"), Option.ofUint(264, 2), Option.ofString(266, "g1"));
        RequestPrimitive primitive = RequestMapping.fromCoap(Wire.received(Code.GET, options, new byte[0]));
        assertThat(primitive.from()).hasValue("Cold");
        assertThat(primitive.requestIdentifier()).isEqualTo("old-rqi");
        assertThat(primitive.eventCategory()).hasValue(2);
        assertThat(primitive.groupRequestIdentifier()).hasValue("g1");
    }

    @Test
    void aShortestFormUintIsAcceptedAsRfc7252AllowsAndAnAeMayRegisterWithoutFrom() {
        List<Option> options = List.of(Option.ofString(OptionNumber.URI_PATH, "cse"), Option.ofString(283, "r"),
                Option.ofUint(267, 2), Option.ofUint(OptionNumber.CONTENT_FORMAT, 50));
        RequestPrimitive primitive = RequestMapping.fromCoap(Wire.received(Code.POST, options, "{}".getBytes()));
        assertThat(primitive.operation()).isEqualTo(Operation.CREATE);
        assertThat(primitive.resourceType()).hasValue(RequestPrimitive.TYPE_AE);
        assertThat(primitive.from()).isEmpty();
    }

    @Test
    void theBuilderNamesAMissingMandatoryParameterOrAValueTooLong() {
        assertThatThrownBy(() -> RequestPrimitive.builder(Operation.RETRIEVE, "cse").from("C").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Request Identifier");
        assertThatThrownBy(() -> RequestPrimitive.builder(Operation.CREATE, "cse").from("C").requestIdentifier("r")
                .content("{}", 50).build()).hasMessageContaining("Resource Type");
        assertThatThrownBy(() -> RequestPrimitive.builder(Operation.DELETE, "cse").requestIdentifier("r").build())
                .hasMessageContaining("From");
        assertThatThrownBy(() -> RequestPrimitive.builder(Operation.UPDATE, "cse").from("C").requestIdentifier("r")
                .build()).hasMessageContaining("Content");
        assertThatThrownBy(() -> RequestPrimitive.builder(Operation.RETRIEVE, "cse//x"))
                .hasMessageContaining("empty segment");
        assertThatThrownBy(() -> RequestPrimitive.builder(Operation.RETRIEVE, "cse").releaseVersion("abc"))
                .hasMessageContaining("oneM2M-RVI must be 1..2 bytes");
        assertThatThrownBy(() -> RequestPrimitive.builder(Operation.RETRIEVE, "cse").resourceType(65536))
                .hasMessageContaining("oneM2M-TY must be 0..65535");
        assertThatThrownBy(() -> RequestPrimitive.builder(Operation.RETRIEVE, "cse")
                .requestExpiration(Instant.parse("+10000-01-01T00:00:00Z"))).hasMessageContaining("0000..9999");
        assertThatThrownBy(() -> RequestPrimitive.builder(Operation.RETRIEVE, "cse").query("op", "2"))
                .hasMessageContaining("operation");
        assertThatThrownBy(() -> RequestMapping.toCoap(RequestPrimitive.builder(Operation.RETRIEVE, "cse").from("C")
                .requestIdentifier("r").build(), "coap://h/path")).hasMessageContaining("without path");
    }
}
