package io.coaps4j.dtls.alert;

import java.util.Objects;

/** The peer sent well-formed data that the protocol does not allow at this point. */
public final class PeerMisbehavedException extends DtlsException {
    private static final long serialVersionUID = 1L;

    /** What the peer did wrong. */
    public enum Kind {
        /** A message that is not expected in the current state (RFC 5246 7.2.2 unexpected_message). */
        UNEXPECTED_MESSAGE,
        /** A field value that is out of range or inconsistent (illegal_parameter). */
        ILLEGAL_PARAMETER,
        /** An extension in a ServerHello that the client did not offer (RFC 5246 7.4.1.4). */
        UNSOLICITED_EXTENSION
    }

    private final Kind kind;

    public PeerMisbehavedException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public static PeerMisbehavedException unexpected(String message) {
        return new PeerMisbehavedException(Kind.UNEXPECTED_MESSAGE, message);
    }

    public static PeerMisbehavedException illegal(String message) {
        return new PeerMisbehavedException(Kind.ILLEGAL_PARAMETER, message);
    }

    public Kind kind() {
        return kind;
    }
}
