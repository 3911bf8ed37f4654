package io.coaps4j.dtls.alert;

/**
 * This endpoint cannot go on for a local reason (its configuration or its caller); the peer is
 * told only internal_error.
 */
public final class MisuseException extends DtlsException {
    private static final long serialVersionUID = 1L;

    public MisuseException(String message) {
        super(message);
    }
}
