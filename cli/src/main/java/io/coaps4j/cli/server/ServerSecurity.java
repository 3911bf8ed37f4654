package io.coaps4j.cli.server;

import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.credentials.PskCredentials;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import io.coaps4j.dtls.credentials.SecurityMode;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The credentials the coaps listener serves, all modes on one port (the ClientHello's suites and certificate
 * types pick the mode per connection), and the connector that serves them.
 *
 * <p>While the library's handshake does not implement the ECDHE_ECDSA suite, its configuration refuses
 * RawPublicKey and Certificate credentials; then {@link #ecdheModesServed()} is false and the connector
 * serves the pre-shared key alone. That is the one switch to remove once every build has the handshake.
 */
record ServerSecurity(PskCredentials psk, Optional<RawPublicKeyCredentials> rawPublicKey,
                      Optional<CertificateCredentials> certificate, ClientAuth clientAuth) {

    ServerSecurity {
        Objects.requireNonNull(psk, "psk");
        Objects.requireNonNull(rawPublicKey, "rawPublicKey");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(clientAuth, "clientAuth");
    }

    /** Whether this build's handshake implements the RawPublicKey and Certificate modes. */
    static boolean ecdheModesServed() {
        return SecurityMode.RAW_PUBLIC_KEY.implemented() && SecurityMode.CERTIFICATE.implemented();
    }

    /** A server's connector on {@code bind} with every mode this build serves. */
    DtlsConnector connector(InetSocketAddress bind) {
        Objects.requireNonNull(bind, "bind");
        return DtlsConnector.builder().bind(bind).dtlsConfig(dtlsConfig()).build();
    }

    /** The DTLS configuration: PSK, and the RawPublicKey and Certificate modes when {@link #ecdheModesServed()}. */
    DtlsConfig dtlsConfig() {
        DtlsConfig.Builder dtls = DtlsConfig.builder()
                .pskStore(InMemoryPskStore.builder().add(psk.identity(), psk.key()).build());
        if (ecdheModesServed()) {
            rawPublicKey.ifPresent(dtls::credentials);
            certificate.ifPresent(dtls::credentials);
            // After the ECDHE_ECDSA handshake is merged: dtls.clientAuthentication(
            //         io.coaps4j.dtls.config.ClientAuthentication.valueOf(clientAuth.name()));
        }
        return dtls.build();
    }
}
