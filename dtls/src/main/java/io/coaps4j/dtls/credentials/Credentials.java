package io.coaps4j.dtls.credentials;

/**
 * What a DTLS endpoint authenticates with in one {@link SecurityMode}, and whom it trusts in that mode.
 * An endpoint holds at most one of each kind; a server picks, per connection, a suite the client offers
 * for which it holds credentials, a client offers the suites of the credentials it holds.
 *
 * <p>{@link PreSharedKeys} use the PSK suite; {@link RawPublicKeyCredentials} and {@link CertificateCredentials}
 * share the ECDHE_ECDSA suite, told apart by the certificate types of RFC 7250.
 */
public sealed interface Credentials permits PreSharedKeys, RawPublicKeyCredentials, CertificateCredentials {

    /** The security mode these credentials serve. */
    SecurityMode mode();
}
