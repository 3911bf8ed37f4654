package io.coaps4j.dtls.alert;

/**
 * Why a DTLS exchange cannot go on. The family is closed: every failure is one of a handful of
 * kinds, and {@link AlertMapping} turns each kind into the alert to send, in one place.
 * These exceptions carry no stack trace: they describe the peer's input, not a bug here.
 */
public abstract sealed class DtlsException extends Exception
        permits DecodeException, PeerMisbehavedException, IncompatibleException,
                AuthenticationFailedException, MisuseException, CertificateRejectedException {
    private static final long serialVersionUID = 1L;

    DtlsException(String message) {
        super(message, null, false, false);
    }
}
