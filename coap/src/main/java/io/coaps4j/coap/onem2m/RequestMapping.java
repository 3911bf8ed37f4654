package io.coaps4j.coap.onem2m;

import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.server.CoapRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A request primitive to a CoAP request and back (TS-0008 clause 6.2): the method of table 6.2.1-1 (POST
 * with "op" in the Uri-Query for the non-blocking and flex-blocking cases, clauses 6.3.2 to 6.3.4), the
 * Uri-Path of table 6.2.2.3-1, the Uri-Query parameters of clause 6.2.2.3, the options of clause 6.2.2.4
 * and the Content as payload (clause 6.2.3).
 */
public final class RequestMapping {
    /** Release Version Indicators this binding serves (TS-0004: "2a", "3", "4", "5"; and "1", "2"). */
    static final Set<String> RELEASES = Set.of("1", "2", "2a", "3", "4", "5");

    private RequestMapping() {
    }

    /**
     * The CoAP request for {@code primitive} to the CSE at {@code base} ("coap://host:port" or
     * "coaps://host:port", the pointOfAccess of clause 6.2.2.3).
     *
     * @throws IllegalArgumentException when {@code base} is not a coap or coaps URI without path and query
     */
    public static ClientRequest toCoap(RequestPrimitive primitive, String base) {
        String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        if (!(root.startsWith("coap://") || root.startsWith("coaps://")) || root.indexOf('/', root.indexOf("//") + 2) >= 0
                || root.indexOf('?') >= 0) {
            throw new IllegalArgumentException("base must be coap://host[:port] or coaps://host[:port] without path or"
                    + " query, was '" + base + "'");
        }
        StringBuilder uri = new StringBuilder(root);
        for (String segment : Addressing.toUriPath(primitive.to())) {
            uri.append('/');
            encodeSegment(segment, uri);
        }
        Operation operation = primitive.operation();
        boolean nonBlocking = primitive.responseType().map(ResponseType::nonBlocking).orElse(false);
        ClientRequest.Builder request = ClientRequest.method(nonBlocking ? Code.POST : operation.method(), uri.toString());
        if (nonBlocking) {
            request.query("op=" + operation.value());
        }
        primitive.responseType().ifPresent(type -> request.query("rt=" + type.value()));
        primitive.query().forEach(parameter -> request.query(parameter.toString()));
        primitive.from().ifPresent(from -> request.option(Option.ofString(OneM2mOption.FR.number(), from)));
        request.option(Option.ofString(OneM2mOption.RQI.number(), primitive.requestIdentifier()));
        primitive.originatingTimestamp().ifPresent(t -> request.option(timestamp(OneM2mOption.OT, t)));
        primitive.requestExpiration().ifPresent(t -> request.option(timestamp(OneM2mOption.RQET, t)));
        primitive.resultExpiration().ifPresent(t -> request.option(timestamp(OneM2mOption.RSET, t)));
        primitive.operationExecutionTime().ifPresent(t -> request.option(timestamp(OneM2mOption.OET, t)));
        if (!primitive.notificationUris().isEmpty()) {
            request.option(Option.ofString(OneM2mOption.RTURI.number(), String.join("&", primitive.notificationUris())));
        }
        primitive.eventCategory().ifPresent(ec -> request.option(OptionReader.fixedUint(OneM2mOption.EC, ec)));
        primitive.groupRequestIdentifier().ifPresent(gid -> request.option(Option.ofString(OneM2mOption.GID.number(), gid)));
        primitive.resourceType().ifPresent(ty -> request.option(OptionReader.fixedUint(OneM2mOption.TY, ty)));
        primitive.releaseVersion().ifPresent(rvi -> request.option(Option.ofString(OneM2mOption.RVI.number(), rvi)));
        primitive.vendorInformation().ifPresent(vsi -> request.option(Option.ofString(OneM2mOption.VSI.number(), vsi)));
        primitive.accept().ifPresent(request::accept);
        primitive.contentFormat().ifPresent(request::contentFormat);
        if (primitive.contentUnsafe().length > 0) {
            request.payload(primitive.contentUnsafe());
        }
        return request.build();
    }

    /**
     * The request primitive {@code request} carries.
     *
     * @throws OneM2mBindingException with the CoAP code and RSC to answer: 4.02 / 4000 for a repeated or
     *     malformed oneM2M option, 4.00 / 4000 for a missing mandatory parameter or a bad Uri-Query,
     *     5.01 / 4001 for an unsupported Release Version Indicator, 4.05 / 4005 for a method oneM2M
     *     does not use, 4.15 / 4015 for a Content-Format that is not oneM2M's, 4.06 / 5207 for an
     *     Accept that is not
     */
    public static RequestPrimitive fromCoap(CoapRequest request) {
        OptionReader options = new OptionReader(request.options());
        String rqi = options.string(OneM2mOption.RQI);
        try {
            return read(request, options, rqi);
        } catch (OneM2mBindingException e) {
            throw e.withRequestIdentifier(rqi);
        } catch (IllegalArgumentException e) { // a value the primitive's builder refuses, e.g. a query name with '&'
            throw new OneM2mBindingException(Code.BAD_REQUEST, ResponseStatusCode.BAD_REQUEST, e.getMessage(), rqi);
        }
    }

    private static RequestPrimitive read(CoapRequest request, OptionReader options, String rqi) {
        String rvi = options.string(OneM2mOption.RVI);
        if (rvi != null && !RELEASES.contains(rvi)) {
            throw new OneM2mBindingException(Code.NOT_IMPLEMENTED, ResponseStatusCode.RELEASE_VERSION_NOT_SUPPORTED,
                    "release version " + rvi + " is not supported (supported: " + String.join(", ", RELEASES.stream()
                            .sorted().toList()) + ")");
        }
        Integer type = options.uint(OneM2mOption.TY);
        Operation operation = null;
        ResponseType responseType = null;
        List<QueryParameter> query = new ArrayList<>();
        for (String argument : request.query()) {
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument : argument.substring(0, equals);
            String value = equals < 0 ? "" : argument.substring(equals + 1);
            if (name.equals("op")) {
                if (operation != null) {
                    throw badRequest("the Operation (op) occurs more than once in the Uri-Query");
                }
                operation = parse(value, Operation::of, "Operation (op)");
            } else if (name.equals("rt")) {
                if (responseType != null) {
                    throw badRequest("the Response Type (rt) occurs more than once in the Uri-Query");
                }
                responseType = parse(value, ResponseType::of, "Response Type (rt)");
            } else if (name.isEmpty()) {
                throw badRequest("Uri-Query '" + argument + "' has no name");
            } else {
                query.add(new QueryParameter(name, value));
            }
        }
        operation = operation(request.method(), operation, type);
        String to = Addressing.fromUriPath(request.path());
        if (to == null) {
            throw badRequest("the To parameter is missing: the Uri-Path '" + request.pathString() + "' names no target");
        }
        byte[] content = request.payload();
        Integer format = request.contentFormat().isPresent() ? (int) request.contentFormat().getAsLong() : null;
        if (format != null && !OneM2mBinding.CONTENT_FORMATS.contains(format)) {
            throw new OneM2mBindingException(Code.UNSUPPORTED_CONTENT_FORMAT, ResponseStatusCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Format " + format + " is not one of oneM2M's (TS-0008 clause 6.2.2.2)");
        }
        if (request.accept().isPresent() && !OneM2mBinding.CONTENT_FORMATS.contains((int) request.accept().getAsLong())) {
            throw new OneM2mBindingException(Code.NOT_ACCEPTABLE, ResponseStatusCode.NOT_ACCEPTABLE,
                    "Accept " + request.accept().getAsLong() + " is not one of oneM2M's (TS-0008 clause 6.2.2.2)");
        }
        String from = options.string(OneM2mOption.FR);
        String missing = RequestPrimitive.Builder.missingParameter(operation, rqi, from, type, content.length > 0);
        if (missing != null) {
            throw badRequest(missing);
        }
        RequestPrimitive.Builder b = RequestPrimitive.builder(operation, to).requestIdentifier(rqi);
        if (from != null) {
            b.from(from);
        }
        if (type != null) {
            b.resourceType(type);
        }
        if (rvi != null) {
            b.releaseVersion(rvi);
        }
        b.originatingTimestamp(options.timestamp(OneM2mOption.OT));
        b.requestExpiration(options.timestamp(OneM2mOption.RQET));
        b.resultExpiration(options.timestamp(OneM2mOption.RSET));
        b.operationExecutionTime(options.timestamp(OneM2mOption.OET));
        String rturi = options.string(OneM2mOption.RTURI);
        if (rturi != null) {
            for (String uri : rturi.split("&")) {
                if (!uri.isEmpty()) {
                    b.notificationUri(uri);
                }
            }
        }
        Integer ec = options.uint(OneM2mOption.EC);
        if (ec != null) {
            b.eventCategory(ec);
        }
        String gid = options.string(OneM2mOption.GID);
        if (gid != null) {
            b.groupRequestIdentifier(gid);
        }
        String vsi = options.string(OneM2mOption.VSI);
        if (vsi != null) {
            b.vendorInformation(vsi);
        }
        // Read to reject a repeated or malformed one; the primitive does not model them (yet).
        for (OneM2mOption other : List.of(OneM2mOption.ATI, OneM2mOption.GTM, OneM2mOption.AUS, OneM2mOption.ASRI)) {
            options.string(other);
        }
        options.uint(OneM2mOption.CTO);
        options.uint(OneM2mOption.CTS);
        options.uint(OneM2mOption.RSC); // not expected in a request, but never twice
        b.responseType(responseType);
        query.forEach(p -> b.query(p.name(), p.value()));
        request.accept().ifPresent(a -> b.accept((int) a));
        b.rawContent(content, format);
        return b.build();
    }

    /**
     * Table 6.2.1-1 backwards: GET, PUT and DELETE are RETRIEVE, UPDATE and DELETE; a POST without "op"
     * is a CREATE when it carries a Resource Type and a NOTIFY otherwise; a POST with "op" is that
     * operation (the non-blocking cases); "op" with another method must agree with it.
     */
    private static Operation operation(Code method, Operation op, Integer type) {
        Operation byMethod;
        if (method.equals(Code.GET)) {
            byMethod = Operation.RETRIEVE;
        } else if (method.equals(Code.PUT)) {
            byMethod = Operation.UPDATE;
        } else if (method.equals(Code.DELETE)) {
            byMethod = Operation.DELETE;
        } else if (method.equals(Code.POST)) {
            return op != null ? op : type != null ? Operation.CREATE : Operation.NOTIFY;
        } else {
            throw new OneM2mBindingException(Code.METHOD_NOT_ALLOWED, ResponseStatusCode.OPERATION_NOT_ALLOWED,
                    "CoAP method " + method + " carries no oneM2M operation (TS-0008 table 6.2.1-1)");
        }
        if (op != null && op != byMethod) {
            throw badRequest("Operation op=" + op.value() + " (" + op + ") contradicts the method " + method);
        }
        return byMethod;
    }

    private static <T> T parse(String value, java.util.function.IntFunction<T> of, String what) {
        try {
            return of.apply(Integer.parseInt(value));
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw badRequest("the " + what + " in the Uri-Query is not valid: '" + value + "'");
        }
    }

    private static OneM2mBindingException badRequest(String message) {
        return new OneM2mBindingException(Code.BAD_REQUEST, ResponseStatusCode.BAD_REQUEST, message);
    }

    private static Option timestamp(OneM2mOption option, java.time.Instant instant) {
        return Option.ofString(option.number(), Timestamps.format(instant));
    }

    /** Percent-encodes what RFC 3986 does not allow in a path segment (section 3.3: pchar). */
    private static void encodeSegment(String segment, StringBuilder out) {
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (Character.isLetterOrDigit(c) && c < 128 || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
    }

}
