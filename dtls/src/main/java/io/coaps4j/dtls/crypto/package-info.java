/**
 * The cryptography of the DTLS engine behind narrow, provider-neutral types: {@link io.coaps4j.dtls.crypto.Aead}
 * (AES-CCM built here on JCA AES), {@link io.coaps4j.dtls.crypto.Prf} and
 * {@link io.coaps4j.dtls.crypto.KeyDerivation} (TLS 1.2 PRF, master secret, extended master secret, key block,
 * Finished, PSK premaster secret), {@link io.coaps4j.dtls.crypto.HandshakeHash},
 * {@link io.coaps4j.dtls.crypto.HmacSha256}, the injected {@link io.coaps4j.dtls.crypto.RandomSource}, and for
 * the public-key modes {@link io.coaps4j.dtls.crypto.PublicKeys}, {@link io.coaps4j.dtls.crypto.Signer}, {@link io.coaps4j.dtls.crypto.SignatureVerifier}
 * and {@link io.coaps4j.dtls.crypto.KeyAgreement}, from one {@link io.coaps4j.dtls.crypto.PublicKeyCrypto}:
 * Bouncy Castle's lightweight P-256 by default (the faster, measured in the bench module's
 * {@code P256CryptoBenchmark}), or JCA ({@link io.coaps4j.dtls.crypto.JcaEcdsa},
 * {@link io.coaps4j.dtls.crypto.JcaEcdhP256}). Both read ECDSA signatures strictly (DER, r and s in [1, n-1])
 * and refuse an ECDH point that is not an uncompressed point of the curve.
 * Key and certificate encodings: {@link io.coaps4j.dtls.crypto.EncodedKeys} (PKCS#8, SEC1, SubjectPublicKeyInfo)
 * and {@link io.coaps4j.dtls.crypto.CertificatePaths} (X.509 decoding, PKIX validation).
 * JCA algorithm names and Bouncy Castle classes appear in this package only.
 *
 * <p>Sessions keep key bytes, never cipher objects: each event loop owns one
 * {@link io.coaps4j.dtls.crypto.CryptoContext} whose instances are keyed per call.
 */
package io.coaps4j.dtls.crypto;
