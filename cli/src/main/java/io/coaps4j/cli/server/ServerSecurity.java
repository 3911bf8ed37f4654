package io.coaps4j.cli.server;

import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.coaps.KeepAlive;
import io.coaps4j.dtls.config.ClientAuthentication;
import io.coaps4j.dtls.config.ConnectionIdPolicy;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.config.SessionTickets;
import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.credentials.PskCredentials;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The credentials the coaps listener serves, all modes on one port (the ClientHello's suites and certificate
 * types pick the mode per connection), and the connector that serves them.
 */
record ServerSecurity(PskCredentials psk, Optional<RawPublicKeyCredentials> rawPublicKey,
                      Optional<CertificateCredentials> certificate, ClientAuth clientAuth, boolean resumption,
                      ConnectionIdPolicy connectionIds, int sessionCacheSize) {

    /** With the default session cache (no {@code --session-cache}). */
    ServerSecurity(PskCredentials psk, Optional<RawPublicKeyCredentials> rawPublicKey,
                   Optional<CertificateCredentials> certificate, ClientAuth clientAuth, boolean resumption,
                   ConnectionIdPolicy connectionIds) {
        this(psk, rawPublicKey, certificate, clientAuth, resumption, connectionIds,
                DtlsConfig.DEFAULT_SESSION_CACHE_SIZE);
    }

    /** With the default connection IDs (no {@code --cid-length}). */
    ServerSecurity(PskCredentials psk, Optional<RawPublicKeyCredentials> rawPublicKey,
                   Optional<CertificateCredentials> certificate, ClientAuth clientAuth, boolean resumption) {
        this(psk, rawPublicKey, certificate, clientAuth, resumption, ConnectionIdPolicy.DEFAULT);
    }

    /** With resumption on (no {@code --no-resumption}). */
    ServerSecurity(PskCredentials psk, Optional<RawPublicKeyCredentials> rawPublicKey,
                   Optional<CertificateCredentials> certificate, ClientAuth clientAuth) {
        this(psk, rawPublicKey, certificate, clientAuth, true);
    }

    ServerSecurity {
        Objects.requireNonNull(psk, "psk");
        Objects.requireNonNull(rawPublicKey, "rawPublicKey");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(clientAuth, "clientAuth");
        Objects.requireNonNull(connectionIds, "connectionIds");
        if (sessionCacheSize < 1) {
            throw new IllegalArgumentException("the session cache must hold at least 1 session, was "
                    + sessionCacheSize);
        }
    }

    /** A server's connector on {@code bind} with every mode it has keys for. */
    DtlsConnector connector(InetSocketAddress bind) {
        return connector(bind, KeepAlive.disabled());
    }

    /** {@link #connector(InetSocketAddress)} checking idle peers with {@code keepAlive} ({@code --heartbeat}). */
    DtlsConnector connector(InetSocketAddress bind, KeepAlive keepAlive) {
        Objects.requireNonNull(bind, "bind");
        return connector(bind, keepAlive, Optional.empty());
    }

    /** {@link #connector(InetSocketAddress, KeepAlive)} writing every session's secrets to {@code insecureKeyLog}. */
    DtlsConnector connector(InetSocketAddress bind, KeepAlive keepAlive, Optional<Path> insecureKeyLog) {
        Objects.requireNonNull(bind, "bind");
        DtlsConfig.Builder dtls = dtlsBuilder();
        insecureKeyLog.ifPresent(dtls::insecureKeyLog);
        return DtlsConnector.builder().bind(bind).dtlsConfig(dtls.build()).keepAlive(keepAlive).build();
    }

    /** The DTLS configuration: PSK, and the RawPublicKey and Certificate modes where their keys are given. */
    DtlsConfig dtlsConfig() {
        return dtlsBuilder().build();
    }

    private DtlsConfig.Builder dtlsBuilder() {
        DtlsConfig.Builder dtls = DtlsConfig.builder()
                .pskStore(InMemoryPskStore.builder().add(psk.identity(), psk.key()).build())
                .resumption(resumption)
                .sessionCacheSize(sessionCacheSize)
                .connectionIds(connectionIds);
        if (resumption) {
            // RFC 5077 tickets for clients that ask (OpenSSL, libcoap); random keys, rotated hourly.
            dtls.sessionTickets(SessionTickets.withRandomKeys(DtlsConfig.DEFAULT_SESSION_LIFETIME));
        }
        rawPublicKey.ifPresent(dtls::credentials);
        certificate.ifPresent(dtls::credentials);
        dtls.clientAuthentication(ClientAuthentication.valueOf(clientAuth.name()));
        return dtls;
    }
}
