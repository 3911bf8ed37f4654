package io.coaps4j.dtls.credentials;

import java.util.Objects;

/** An identity and its key, as a client uses them for one handshake. */
public record PskCredentials(PskIdentity identity, PreSharedKey key) {
    public PskCredentials {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return "PskCredentials[" + identity + ", key hidden]";
    }
}
