package io.coaps4j.proxy;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.uri.CoapUri;
import java.util.Objects;

/**
 * Where a request received by the proxy goes: an origin URI (with the reverse route it came through, or
 * null when forward-proxied), or a refusal with the code and diagnostic payload to answer. Immutable.
 */
record Resolution(CoapUri target, ReverseRoute route, Code refusal, String diagnostic) {

    static Resolution forward(CoapUri target) {
        return new Resolution(Objects.requireNonNull(target, "target"), null, null, null);
    }

    static Resolution reverse(CoapUri target, ReverseRoute route) {
        return new Resolution(Objects.requireNonNull(target, "target"), Objects.requireNonNull(route, "route"), null,
                null);
    }

    static Resolution refused(Code code, String diagnostic) {
        return new Resolution(null, null, Objects.requireNonNull(code, "code"), diagnostic);
    }

    boolean isRefused() {
        return refusal != null;
    }
}
