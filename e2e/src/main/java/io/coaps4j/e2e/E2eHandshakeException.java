package io.coaps4j.e2e;

/** A DTLS handshake carried over CoAP failed or gave up; no SA was installed. */
public final class E2eHandshakeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public E2eHandshakeException(String message) {
        super(message);
    }
}
