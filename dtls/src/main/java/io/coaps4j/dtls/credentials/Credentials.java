package io.coaps4j.dtls.credentials;

/**
 * What a DTLS endpoint authenticates with in one {@link SecurityMode}, and whom it trusts in that mode.
 * An endpoint holds at most one of each kind; a server picks, per connection, a suite the client offers
 * for which it holds credentials, a client offers the suites of the credentials it holds.
 *
 * <p>Only {@link PreSharedKeys} is implemented by this version's handshake. {@link RawPublicKeyCredentials}
 * and {@link CertificateCredentials} are validated when made but refused by the configuration's
 * {@code build()}, which names the mode as not implemented yet.
 */
public sealed interface Credentials permits PreSharedKeys, RawPublicKeyCredentials, CertificateCredentials {

    /** The security mode these credentials serve. */
    SecurityMode mode();
}
