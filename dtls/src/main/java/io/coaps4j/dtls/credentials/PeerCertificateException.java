package io.coaps4j.dtls.credentials;

import java.security.cert.CertificateException;
import java.util.Objects;

/**
 * A peer's certificate chain is refused, for the typed {@link #problem()} the handshake maps to its alert; the
 * message says which certificate and why, for the log.
 */
public final class PeerCertificateException extends CertificateException {
    private static final long serialVersionUID = 1L;

    /** The reason, never null. */
    private final CertificateProblem problem;

    public PeerCertificateException(CertificateProblem problem, String message) {
        super(message);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public PeerCertificateException(CertificateProblem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** Why the chain was refused. */
    public CertificateProblem problem() {
        return problem;
    }
}
