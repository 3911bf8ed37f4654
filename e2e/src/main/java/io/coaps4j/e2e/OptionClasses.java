package io.coaps4j.e2e;

import io.coaps4j.coap.message.OptionNumber;

/**
 * Which options travel outside the protection for the proxies (class U) and which inside (class E), after
 * RFC 8613 section 4.1; docs/E2E.md section 3 gives the reasons. Anything not listed is class E.
 */
final class OptionClasses {
    static final int OSCORE = 9;
    static final int HOP_LIMIT = 16;
    static final int NO_RESPONSE = 258;

    private OptionClasses() {
    }

    /** Whether option {@code number} stays in the outer message for the proxies. */
    static boolean isOuter(int number) {
        return switch (number) {
            case OptionNumber.URI_HOST, OptionNumber.URI_PORT, OptionNumber.OBSERVE, OSCORE, HOP_LIMIT,
                    OptionNumber.BLOCK2, OptionNumber.BLOCK1, OptionNumber.SIZE2, OptionNumber.SIZE1,
                    OptionNumber.PROXY_URI, OptionNumber.PROXY_SCHEME, NO_RESPONSE, OptionNumber.REQUEST_TAG,
                    E2eOptions.E2E -> true;
            default -> false;
        };
    }
}
