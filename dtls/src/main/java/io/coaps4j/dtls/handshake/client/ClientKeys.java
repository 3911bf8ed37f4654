package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.credentials.Credentials;
import io.coaps4j.dtls.credentials.PreSharedKeys;
import io.coaps4j.dtls.credentials.PskCredentials;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import io.coaps4j.dtls.crypto.CipherSuite;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client authenticates with towards one server, per security mode it holds credentials for; it
 * offers the configured suites of those modes (RFC 7252 section 9.1.3): the PSK suite with a PSK, the
 * ECDHE_ECDSA suite with a raw public key or a certificate (and the certificate types of those it holds).
 */
public record ClientKeys(Optional<PskCredentials> psk, Optional<RawPublicKeyCredentials> rawPublicKey,
                         Optional<CertificateCredentials> certificate) {
    /**
     * @param psk          the PSK identity and key for this server, if the client holds one
     * @param rawPublicKey the client's key pair and the server keys it trusts, if it uses the RawPublicKey mode
     * @param certificate  the client's chain and key and its trust anchors, if it uses the Certificate mode
     */
    public ClientKeys {
        Objects.requireNonNull(psk, "psk");
        Objects.requireNonNull(rawPublicKey, "rawPublicKey");
        Objects.requireNonNull(certificate, "certificate");
    }

    /** PSK only. */
    public ClientKeys(Optional<PskCredentials> psk) {
        this(psk, Optional.empty(), Optional.empty());
    }

    /** The PSK identity and key to use. */
    public static ClientKeys psk(PskCredentials credentials) {
        return new ClientKeys(Optional.of(credentials));
    }

    /**
     * The keys {@code config}'s credentials hold for {@code server}, reached by {@code serverName} when it was
     * addressed by name.
     *
     * @throws IllegalArgumentException when no credentials serve that server
     */
    public static ClientKeys resolve(DtlsConfig config, InetSocketAddress server, Optional<String> serverName) {
        Optional<PskCredentials> psk = Optional.empty();
        Optional<RawPublicKeyCredentials> rpk = Optional.empty();
        Optional<CertificateCredentials> certificate = Optional.empty();
        for (Credentials held : config.credentials()) {
            if (held instanceof PreSharedKeys keys) {
                psk = keys.store().clientCredentials(server, serverName);
            } else if (held instanceof RawPublicKeyCredentials keys) {
                rpk = Optional.of(keys);
            } else if (held instanceof CertificateCredentials keys) {
                certificate = Optional.of(keys);
            }
        }
        ClientKeys found = new ClientKeys(psk, rpk, certificate);
        if (config.cipherSuites().stream().noneMatch(found::canOffer)) {
            throw new IllegalArgumentException("no credentials for " + server + serverName.map(name -> " (" + name + ")")
                    .orElse("") + " in " + config.credentials().stream().map(c -> c.mode().rfcName()).toList());
        }
        return found;
    }

    /** Whether these keys can serve {@code suite}. */
    public boolean canOffer(CipherSuite suite) {
        return switch (suite.keyExchange()) {
            case PSK -> psk.isPresent();
            case ECDHE_ECDSA -> rawPublicKey.isPresent() || certificate.isPresent();
        };
    }

    @Override
    public String toString() {
        List<String> held = new ArrayList<>(3);
        held.add(psk.map(PskCredentials::toString).orElse("no PSK"));
        rawPublicKey.ifPresent(keys -> held.add(keys.toString()));
        certificate.ifPresent(keys -> held.add(keys.toString()));
        return "ClientKeys" + held;
    }
}
