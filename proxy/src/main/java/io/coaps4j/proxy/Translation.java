package io.coaps4j.proxy;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.uri.CoapUri;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Rewrites a request for the origin and the origin's response for the client (RFC 7252 section 5.7):
 * the URI options are rebuilt for the target, hop-by-hop options dropped, everything else copied as it
 * came, unknown Safe-to-Forward options and the payload included, byte for byte.
 */
final class Translation {
    private Translation() {
    }

    /**
     * The request to send to {@code destination} for {@code target}: same method and payload, the
     * client's end-to-end options, the target's Uri-* options (section 6.4) and Hop-Limit {@code hopLimit}.
     * Always confirmable: the proxy retransmits on its own leg.
     */
    static Message toOrigin(Message request, CoapUri target, InetSocketAddress destination, int hopLimit) {
        Message.Builder out = Message.builder().type(MessageType.CON).code(request.code()).payload(request.payload());
        for (Option option : request.options()) {
            if (!ProxyOptions.hopByHop(option.number())) {
                out.option(option);
            }
        }
        out.options(target.toOptions(destination));
        out.option(Option.ofUint(ProxyOptions.HOP_LIMIT, hopLimit));
        return out.build();
    }

    /**
     * The first Unsafe option of {@code response} the proxy does not recognize: such a response cannot be
     * forwarded and becomes a 5.02 (section 5.7.1).
     */
    static OptionalInt unrecognizedUnsafe(Message response) {
        for (Option option : response.options()) {
            if (ProxyOptions.unrecognizedUnsafe(option.number())) {
                return OptionalInt.of(option.number());
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The origin's response as the client gets it (check {@link #unrecognizedUnsafe} first). Block-wise
     * options and Observe are of the origin's hop; a reverse route moves Location-Path under its prefix.
     */
    static CoapResponse toClient(Message response, ReverseRoute route) {
        CoapResponse.Builder out = CoapResponse.builder(response.code());
        boolean relocate = route != null && response.hasOption(OptionNumber.LOCATION_PATH);
        for (Option option : response.options()) {
            int number = option.number();
            if (ProxyOptions.hopByHop(number) || (relocate && number == OptionNumber.LOCATION_PATH)) {
                continue;
            }
            out.option(option);
        }
        if (relocate) {
            for (String segment : route.localLocation(response.locationPath())) {
                out.locationPath(segment);
            }
        }
        return out.payload(response.payload()).build();
    }

    static CoapResponse badGateway(String diagnostic) {
        return CoapResponse.builder(Code.BAD_GATEWAY).payload(diagnostic).build();
    }

    /** {@code response} with its Max-Age replaced by {@code seconds} (section 5.7.1: never extended from a cache). */
    static CoapResponse withMaxAge(CoapResponse response, long seconds) {
        CoapResponse.Builder out = CoapResponse.builder(response.code());
        List<Option> options = new ArrayList<>(response.options().size() + 1);
        for (Option option : response.options()) {
            if (option.number() != OptionNumber.MAX_AGE) {
                options.add(option);
            }
        }
        return out.options(options).maxAge(seconds).payload(response.payload()).build();
    }
}
