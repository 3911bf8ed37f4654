package io.coaps4j.bench.server;

import io.coaps4j.bench.BenchRpk;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.elements.auth.RawPublicKeyIdentity;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Californium 3.13 with Scandium serving GET /hello over DTLS 1.2 in the RawPublicKey mode: the run's server
 * key as a {@link RawPublicKeyIdentity}, TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 only, raw public keys only, client
 * authentication NEEDED and trusting only the generator's key; otherwise the same configuration as
 * {@link CaliforniumPskServer} (default thread counts, cookie exchange, extended master secret, room for the
 * default number of connections). Arguments: {@code [host] [port] keys=DIR [dedup=DEDUPLICATOR]
 * [exchange-lifetime=SECONDS]}, the key directory written by {@link BenchRpk#writeTo}.
 */
public final class CaliforniumRpkServer {
    private CaliforniumRpkServer() {
    }

    public static void main(String[] args) throws IOException {
        String deduplicator = null;
        for (int i = 2; i < args.length; i++) {
            if (args[i].startsWith(CaliforniumPskServer.DEDUP)) {
                deduplicator = args[i].substring(CaliforniumPskServer.DEDUP.length());
            }
        }
        BenchRpk keys = BenchRpk.readFrom(BenchRpk.directoryFromArgs(args));
        CoapServer server = create(ServerLauncher.bindAddress(args), keys, deduplicator, ShortExchangeLifetime.fromArgs(args));
        server.start();
        ServerLauncher.announceAndServe(server.getEndpoints().get(0).getAddress().getPort(), server::destroy);
    }

    /** The server, not started; {@code deduplicator} and {@code exchangeLifetime} null for the defaults. */
    public static CoapServer create(InetSocketAddress address, BenchRpk keys, String deduplicator, Duration exchangeLifetime) {
        Configuration config = CaliforniumPskServer.configuration(deduplicator, exchangeLifetime);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(address)
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
                .setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8)
                .setAsList(DtlsConfig.DTLS_CERTIFICATE_TYPES, CertificateType.RAW_PUBLIC_KEY)
                .set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NEEDED)
                // Stated, not changed: every handshake starts with a cookie exchange, as ours and libcoap's do.
                .set(DtlsConfig.DTLS_USE_HELLO_VERIFY_REQUEST, true)
                .set(DtlsConfig.DTLS_MAX_CONNECTIONS, DtlsConfig.DEFAULT_MAX_CONNECTIONS)
                .setCertificateIdentityProvider(new SingleCertificateProvider(keys.serverKey().getPrivate(),
                        keys.serverKey().getPublic()))
                .setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
                        .setTrustedRPKs(new RawPublicKeyIdentity(keys.clientKey().getPublic())).build())
                .build();
        return CaliforniumPskServer.serve(config, dtls);
    }
}
