package io.coaps4j.dtls.config;

import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.credentials.CertifiedKey;
import io.coaps4j.dtls.credentials.Credentials;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import io.coaps4j.dtls.crypto.PublicKeyCrypto;
import io.coaps4j.dtls.crypto.Signer;

import java.security.PrivateKey;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signers of this endpoint's own keys (the raw public key's, each certified key's), made once per
 * configuration so that a provider may precompute for the key (DESIGN.md "Crypto") and no handshake makes one.
 */
final class PublicKeySigners {
    private PublicKeySigners() {
    }

    /** The signer of each own private key, by identity of the key object the credentials hold. */
    static Map<PrivateKey, Signer> of(List<Credentials> credentials, PublicKeyCrypto crypto) {
        Map<PrivateKey, Signer> signers = new IdentityHashMap<>();
        for (Credentials held : credentials) {
            if (held instanceof RawPublicKeyCredentials rpk && rpk.hasOwnKey()) {
                signers.put(rpk.privateKey(), crypto.signer(rpk.privateKey()));
            } else if (held instanceof CertificateCredentials certificate) {
                for (CertifiedKey key : certificate.certifiedKeys()) {
                    signers.computeIfAbsent(key.privateKey(), crypto::signer);
                }
            }
        }
        return Collections.unmodifiableMap(signers);
    }
}
