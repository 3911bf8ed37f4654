package io.coaps4j.coap.server;

import java.security.Principal;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Whether a request may use a {@link Resource}, and if not why: no principal where one is required is
 * 4.01 Unauthorized, a principal the resource does not admit is 4.03 Forbidden (RFC 7252 sections
 * 5.9.2.2 and 5.9.2.4). The decision apart from the resource, so the dispatcher maps each outcome once.
 */
enum ResourceAccess {
    GRANTED, UNAUTHENTICATED, FORBIDDEN;

    /** The outcome for {@code principal} when {@code admitted} (null: anyone, NoSec included) guards the resource. */
    static ResourceAccess of(Predicate<Principal> admitted, Optional<Principal> principal) {
        if (admitted == null) {
            return GRANTED;
        }
        if (principal.isEmpty()) {
            return UNAUTHENTICATED;
        }
        return admitted.test(principal.get()) ? GRANTED : FORBIDDEN;
    }
}
