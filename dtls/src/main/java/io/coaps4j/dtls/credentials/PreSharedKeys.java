package io.coaps4j.dtls.credentials;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The PreSharedKey mode's credentials (RFC 7252 section 9.1.3.1): the store of keys and, for a server,
 * the identity hint it sends in a ServerKeyExchange (RFC 4279 section 2; empty: no ServerKeyExchange).
 */
public record PreSharedKeys(PskStore store, Optional<String> identityHint) implements Credentials {
    private static final int MAX_HINT_LENGTH = 0xFFFF;

    /**
     * @throws IllegalArgumentException when the hint is empty or longer than 65535 UTF-8 bytes
     */
    public PreSharedKeys {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(identityHint, "identityHint");
        if (identityHint.isPresent() && (identityHint.get().isEmpty()
                || identityHint.get().getBytes(StandardCharsets.UTF_8).length > MAX_HINT_LENGTH)) {
            throw new IllegalArgumentException("pskIdentityHint must be 1..65535 UTF-8 bytes when set");
        }
    }

    /** The keys of {@code store}, without an identity hint. */
    public static PreSharedKeys of(PskStore store) {
        return new PreSharedKeys(store, Optional.empty());
    }

    @Override
    public SecurityMode mode() {
        return SecurityMode.PRE_SHARED_KEY;
    }
}
