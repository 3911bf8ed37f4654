package io.coaps4j.coap.uri;

import java.util.Locale;
import java.util.Optional;

/** The two CoAP URI schemes over UDP and their default ports (RFC 7252 sections 6.1 and 6.2). */
public enum CoapScheme {
    /** {@code coap://}: plain UDP, default port 5683. */
    COAP("coap", 5683, false),
    /** {@code coaps://}: UDP secured with DTLS, default port 5684. */
    COAPS("coaps", 5684, true);

    private final String text;
    private final int defaultPort;
    private final boolean secure;

    CoapScheme(String text, int defaultPort, boolean secure) {
        this.text = text;
        this.defaultPort = defaultPort;
        this.secure = secure;
    }

    /** The scheme for {@code name}, compared without case (RFC 3986 section 3.1). */
    public static Optional<CoapScheme> of(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (CoapScheme scheme : values()) {
            if (scheme.text.equals(lower)) {
                return Optional.of(scheme);
            }
        }
        return Optional.empty();
    }

    /** The scheme for a request that is, or is not, secured with DTLS (section 6.5 step 1). */
    public static CoapScheme forSecure(boolean secure) {
        return secure ? COAPS : COAP;
    }

    /** The scheme name in lowercase, without "://". */
    public String text() {
        return text;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** True when requests under this scheme travel over DTLS. */
    public boolean secure() {
        return secure;
    }
}
