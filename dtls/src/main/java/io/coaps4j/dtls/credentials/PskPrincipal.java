package io.coaps4j.dtls.credentials;

import java.security.Principal;
import java.util.Objects;

/** The peer a PSK handshake authenticated: whoever holds the key of this identity. */
public final class PskPrincipal implements Principal {
    private final PskIdentity identity;

    public PskPrincipal(PskIdentity identity) {
        this.identity = Objects.requireNonNull(identity, "identity");
    }

    public PskIdentity identity() {
        return identity;
    }

    /** The identity as text. */
    @Override
    public String getName() {
        return identity.text();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PskPrincipal that && identity.equals(that.identity);
    }

    @Override
    public int hashCode() {
        return identity.hashCode();
    }

    @Override
    public String toString() {
        return "PskPrincipal[" + identity.text() + "]";
    }
}
