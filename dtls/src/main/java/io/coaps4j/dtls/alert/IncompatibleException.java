package io.coaps4j.dtls.alert;

import java.util.Objects;

/** The two ends follow the protocol but cannot agree on what to use. */
public final class IncompatibleException extends DtlsException {
    private static final long serialVersionUID = 1L;

    /** What could not be agreed. */
    public enum Kind {
        /** No common cipher suite, compression or other required parameter. */
        NO_COMMON_PARAMETERS,
        /** The peer speaks a protocol version this endpoint does not. */
        PROTOCOL_VERSION,
        /** The peer lacks a feature this endpoint's configuration requires (e.g. extended master secret). */
        REQUIRED_FEATURE_MISSING
    }

    private final Kind kind;

    public IncompatibleException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
