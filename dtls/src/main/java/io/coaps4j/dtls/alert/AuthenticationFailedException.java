package io.coaps4j.dtls.alert;

/**
 * The peer could not prove who it claims to be: a Finished that does not verify, a record of the
 * handshake's new epoch that fails authentication, or an unknown PSK identity (which is made to
 * look exactly like a wrong key, see {@link AlertMapping}).
 */
public final class AuthenticationFailedException extends DtlsException {
    private static final long serialVersionUID = 1L;

    public AuthenticationFailedException(String message) {
        super(message);
    }
}
