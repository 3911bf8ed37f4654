/**
 * What a DTLS endpoint authenticates with, per security mode (RFC 7252 section 9), and whom it trusts: the sealed
 * {@link io.coaps4j.dtls.credentials.Credentials} family ({@link io.coaps4j.dtls.credentials.PreSharedKeys},
 * {@link io.coaps4j.dtls.credentials.RawPublicKeyCredentials}, {@link io.coaps4j.dtls.credentials.CertificateCredentials};
 * {@link io.coaps4j.dtls.credentials.SecurityMode#implemented()} tells which modes this version's handshake runs).
 *
 * <ul>
 * <li>Pre-shared keys (RFC 4279): identities, keys that never print, the store that picks a key by peer, server
 * name or identity.</li>
 * <li>RawPublicKey (RFC 7250, RFC 7252 section 9.1.3.2): this node's key pair and a trust list of
 * {@link io.coaps4j.dtls.credentials.TrustedPeerKey}s, each a key or its {@code ni:} identity (RFC 6920) with the
 * {@link io.coaps4j.dtls.credentials.PeerScope} it may be used with; trusting any key only through
 * {@code RawPublicKeyCredentials.insecureTrustingAnyKey}.</li>
 * <li>Certificate (RFC 7252 section 9.1.3.3): one or more {@link io.coaps4j.dtls.credentials.CertifiedKey}s (a
 * server picks one by SNI), trust anchors, and the check of a peer's chain on every new connection (PKIX, key
 * usage for the peer's role, chain length, RFC 6125 names), whose refusals are
 * {@link io.coaps4j.dtls.credentials.PeerCertificateException}s with a typed
 * {@link io.coaps4j.dtls.credentials.CertificateProblem} for the alert.</li>
 * <li>{@link io.coaps4j.dtls.credentials.Pem}: keys and certificates in the PEM files OpenSSL reads and writes.</li>
 * <li>The principal each mode proves: {@link io.coaps4j.dtls.credentials.PskPrincipal},
 * {@link io.coaps4j.dtls.credentials.RawPublicKeyPrincipal} ({@code ni:///sha-256;...}, RFC 6920),
 * {@link io.coaps4j.dtls.credentials.CertificatePrincipal} (subject, URI and DNS names).</li>
 * </ul>
 */
package io.coaps4j.dtls.credentials;
