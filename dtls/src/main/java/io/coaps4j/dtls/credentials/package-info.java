/**
 * What a DTLS endpoint authenticates with, per security mode (RFC 7252 section 9): the sealed
 * {@link io.coaps4j.dtls.credentials.Credentials} family ({@link io.coaps4j.dtls.credentials.PreSharedKeys},
 * and the validated but not yet handshaken {@link io.coaps4j.dtls.credentials.RawPublicKeyCredentials} and
 * {@link io.coaps4j.dtls.credentials.CertificateCredentials}); pre-shared keys (RFC 4279): identities, keys that
 * never print, the store that picks a key by peer, server name or identity; and the principal each mode
 * proves: {@link io.coaps4j.dtls.credentials.PskPrincipal},
 * {@link io.coaps4j.dtls.credentials.RawPublicKeyPrincipal} ({@code ni:///sha-256;...}, RFC 6920),
 * {@link io.coaps4j.dtls.credentials.CertificatePrincipal} (subject, URI and DNS names).
 */
package io.coaps4j.dtls.credentials;
