package io.coaps4j.coap.onem2m;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import java.util.ArrayList;
import java.util.List;

/**
 * A response primitive to a CoAP response and back (TS-0008 clauses 6.2.1, 6.2.3 and 6.2.4): the code of
 * table 6.2.4-1 with the exact RSC always in oneM2M-RSC, the Request Identifier in oneM2M-RQI, the URI of
 * a created resource as Location-Path, and the Content as payload.
 */
public final class ResponseMapping {
    private ResponseMapping() {
    }

    /**
     * The CoAP response for {@code primitive}, answering a request of {@code operation}.
     *
     * @throws IllegalArgumentException for RSC 1000 (not used in CoAP), and for Content in an OK (2000)
     *     answer to a NOTIFY (table 6.2.4-1: "CoAP payload shall be empty")
     */
    public static CoapResponse toCoap(ResponsePrimitive primitive, Operation operation) {
        int rsc = primitive.statusCode();
        Code code = ResponseStatusCode.toCoap(rsc, operation, !primitive.location().isEmpty());
        if (operation == Operation.NOTIFY && rsc == ResponseStatusCode.OK && primitive.contentUnsafe().length > 0) {
            throw new IllegalArgumentException("an OK (2000) response to a NOTIFY carries no Content (TS-0008 table"
                    + " 6.2.4-1)");
        }
        CoapResponse.Builder response = CoapResponse.builder(code);
        primitive.location().forEach(response::locationPath);
        primitive.from().ifPresent(from -> response.option(Option.ofString(OneM2mOption.FR.number(), from)));
        primitive.requestIdentifier().ifPresent(rqi -> response.option(Option.ofString(OneM2mOption.RQI.number(), rqi)));
        primitive.originatingTimestamp().ifPresent(t -> response.option(Option.ofString(OneM2mOption.OT.number(),
                Timestamps.format(t))));
        primitive.resultExpiration().ifPresent(t -> response.option(Option.ofString(OneM2mOption.RSET.number(),
                Timestamps.format(t))));
        primitive.eventCategory().ifPresent(ec -> response.option(OptionReader.fixedUint(OneM2mOption.EC, ec)));
        response.option(OptionReader.fixedUint(OneM2mOption.RSC, rsc));
        primitive.releaseVersion().ifPresent(rvi -> response.option(Option.ofString(OneM2mOption.RVI.number(), rvi)));
        primitive.vendorInformation().ifPresent(vsi -> response.option(Option.ofString(OneM2mOption.VSI.number(), vsi)));
        primitive.contentFormat().ifPresent(response::contentFormat);
        response.payload(primitive.contentUnsafe());
        return response.build();
    }

    /**
     * The response primitive {@code response} carries, answering a request of {@code operation}; without
     * oneM2M-RSC (e.g. a CoAP layer's 4.04) the RSC is read from the code ({@link ResponseStatusCode#fromCoap}).
     *
     * @throws OneM2mBindingException when a oneM2M option is repeated or malformed
     */
    public static ResponsePrimitive fromCoap(CoapResponse response, Operation operation) {
        OptionReader options = new OptionReader(response.options());
        Integer rsc = options.uint(OneM2mOption.RSC);
        int statusCode = rsc != null ? rsc : ResponseStatusCode.fromCoap(response.code(), operation);
        if (statusCode < 1000 || statusCode > 6999) {
            throw OptionReader.bad("oneM2M-RSC " + statusCode + " is not a Response Status Code (1000..6999)");
        }
        ResponsePrimitive.Builder b = ResponsePrimitive.builder(statusCode);
        String rqi = options.string(OneM2mOption.RQI);
        if (rqi != null) {
            b.requestIdentifier(rqi);
        }
        String from = options.string(OneM2mOption.FR);
        if (from != null) {
            b.from(from);
        }
        String rvi = options.string(OneM2mOption.RVI);
        if (rvi != null) {
            b.releaseVersion(rvi);
        }
        b.originatingTimestamp(options.timestamp(OneM2mOption.OT));
        b.resultExpiration(options.timestamp(OneM2mOption.RSET));
        Integer ec = options.uint(OneM2mOption.EC);
        if (ec != null) {
            b.eventCategory(ec);
        }
        String vsi = options.string(OneM2mOption.VSI);
        if (vsi != null) {
            b.vendorInformation(vsi);
        }
        List<String> location = new ArrayList<>();
        for (Option option : response.options()) {
            if (option.number() == OptionNumber.LOCATION_PATH) {
                location.add(option.stringValue());
            }
        }
        b.locationSegments(location);
        Integer format = response.contentFormat().isPresent() ? (int) response.contentFormat().getAsLong() : null;
        b.rawContent(response.payload(), format);
        return b.build();
    }

    /**
     * The answer to a request that did not map to a primitive: the exception's CoAP code (4.02 for an
     * option, where table 6.2.4-1 alone would give 4.00), its RSC in oneM2M-RSC, the Request Identifier
     * when it was read, and the reason as a diagnostic payload (RFC 7252 section 5.5.2).
     */
    public static CoapResponse error(OneM2mBindingException failure) {
        CoapResponse.Builder response = CoapResponse.builder(failure.code());
        failure.requestIdentifier().ifPresent(rqi -> response.option(Option.ofString(OneM2mOption.RQI.number(), rqi)));
        response.option(OptionReader.fixedUint(OneM2mOption.RSC, failure.statusCode()));
        return response.payload(String.valueOf(failure.getMessage())).build();
    }
}
