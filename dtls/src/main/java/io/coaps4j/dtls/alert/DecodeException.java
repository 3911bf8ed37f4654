package io.coaps4j.dtls.alert;

/** Bytes from the peer that do not follow the wire format (RFC 5246 alert decode_error). */
public final class DecodeException extends DtlsException {
    private static final long serialVersionUID = 1L;

    public DecodeException(String message) {
        super(message);
    }
}
