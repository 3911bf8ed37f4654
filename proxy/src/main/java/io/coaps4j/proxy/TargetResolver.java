package io.coaps4j.proxy;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.uri.CoapScheme;
import io.coaps4j.coap.uri.CoapUri;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds the origin of a request (RFC 7252 sections 5.7.2 and 5.7.3): the Proxy-Uri, or the Proxy-Scheme
 * with Uri-Host, Uri-Port, Uri-Path and Uri-Query, for a forward-proxy; the first matching
 * {@link ReverseRoute} for a local request. A forward target naming the proxy itself is a local request
 * (section 5.7.2), which is also the loop guard of a single proxy. Immutable and thread-safe.
 */
final class TargetResolver {
    private final boolean forwardProxying;
    private final List<ReverseRoute> routes;
    /** The schemes the proxy has an origin leg for. */
    private final Predicate<CoapScheme> originLegs;
    /** Whether a URI's authority is one of the proxy's own endpoints. */
    private final Predicate<CoapUri> self;

    TargetResolver(boolean forwardProxying, List<ReverseRoute> routes, Predicate<CoapScheme> originLegs,
                   Predicate<CoapUri> self) {
        this.forwardProxying = forwardProxying;
        this.routes = List.copyOf(routes);
        this.originLegs = originLegs;
        this.self = self;
    }

    Resolution resolve(Message request) {
        Optional<String> proxyUri = request.stringOption(OptionNumber.PROXY_URI);
        Optional<String> proxyScheme = request.stringOption(OptionNumber.PROXY_SCHEME);
        if (proxyUri.isEmpty() && proxyScheme.isEmpty()) {
            return local(request.uriPath(), request.uriQuery());
        }
        if (!forwardProxying) {
            return Resolution.refused(Code.PROXYING_NOT_SUPPORTED, "forward proxying is disabled");
        }
        // Section 5.10.2: Proxy-Uri takes precedence over Proxy-Scheme and the Uri-* options.
        String schemeText = proxyUri.map(TargetResolver::schemeOf).orElseGet(proxyScheme::get)
                .toLowerCase(Locale.ROOT);
        Optional<CoapScheme> scheme = CoapScheme.of(schemeText);
        if (scheme.isEmpty()) {
            return Resolution.refused(Code.PROXYING_NOT_SUPPORTED, "scheme \"" + schemeText + "\" is not supported");
        }
        if (!originLegs.test(scheme.get())) {
            return Resolution.refused(Code.PROXYING_NOT_SUPPORTED, "no " + schemeText + " leg to origins");
        }
        CoapUri target;
        try {
            if (proxyUri.isPresent()) {
                target = CoapUri.parse(proxyUri.get());
            } else {
                Optional<String> host = request.uriHost();
                if (host.isEmpty()) {
                    // Section 5.10.1: Uri-Host defaults to the proxy's own address: a local request.
                    return local(request.uriPath(), request.uriQuery());
                }
                int port = (int) request.uriPort().orElse(scheme.get().defaultPort());
                target = CoapUri.of(scheme.get(), host.get(), port, request.uriPath(), request.uriQuery());
            }
        } catch (IllegalArgumentException e) {
            return Resolution.refused(Code.BAD_REQUEST, e.getMessage());
        }
        if (self.test(target)) {
            return local(target.path(), target.query());
        }
        return Resolution.forward(target);
    }

    /** A request made to the proxy as an origin: a reverse route, else 4.04. */
    private Resolution local(List<String> path, List<String> query) {
        for (ReverseRoute route : routes) {
            if (route.matches(path)) {
                return Resolution.reverse(route.target(path, query), route);
            }
        }
        return Resolution.refused(Code.NOT_FOUND, null);
    }

    /** The scheme of an absolute URI: the text before the first ':' (RFC 3986 section 3.1), or the whole. */
    private static String schemeOf(String uri) {
        int colon = uri.indexOf(':');
        return colon < 0 ? uri : uri.substring(0, colon);
    }
}
