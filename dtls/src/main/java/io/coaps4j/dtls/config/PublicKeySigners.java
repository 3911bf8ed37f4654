package io.coaps4j.dtls.config;

import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.credentials.Credentials;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import io.coaps4j.dtls.credentials.SecurityMode;
import io.coaps4j.dtls.crypto.PublicKeyCrypto;
import io.coaps4j.dtls.crypto.Signer;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The signers of this endpoint's own keys, one per public-key mode, made once per configuration so that a
 * provider may precompute for the key (DESIGN.md "Crypto") and no handshake makes one.
 */
final class PublicKeySigners {
    private PublicKeySigners() {
    }

    static Map<SecurityMode, Signer> of(List<Credentials> credentials, PublicKeyCrypto crypto) {
        Map<SecurityMode, Signer> signers = new EnumMap<>(SecurityMode.class);
        for (Credentials held : credentials) {
            if (held instanceof RawPublicKeyCredentials rpk) {
                signers.put(SecurityMode.RAW_PUBLIC_KEY, crypto.signer(rpk.privateKey()));
            } else if (held instanceof CertificateCredentials certificate) {
                signers.put(SecurityMode.CERTIFICATE, crypto.signer(certificate.privateKey()));
            }
        }
        return Map.copyOf(signers);
    }
}
