package io.coaps4j.bench.server;

import io.coaps4j.bench.BenchPsk;
import io.coaps4j.bench.HelloResource;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Californium 3.13 with Scandium serving GET /hello over DTLS 1.2 with PSK, TLS_PSK_WITH_AES_128_CCM_8
 * only, otherwise its default configuration: HelloVerifyRequest (cookie exchange) for PSK handshakes,
 * extended master secret, up to {@value DtlsConfig#DEFAULT_MAX_CONNECTIONS} connections kept for
 * {@value DtlsConfig#DEFAULT_STALE_CONNECTION_TRESHOLD_SECONDS} s. Arguments: {@code [host] [port]
 * [dedup=DEDUPLICATOR] [exchange-lifetime=SECONDS]}: the deduplicator as for {@link CaliforniumHelloServer},
 * the lifetime as described in {@link ShortExchangeLifetime} (with a 1 s sweep, so expired exchanges go soon).
 */
public final class CaliforniumPskServer {
    /** The argument prefix naming the deduplicator. */
    public static final String DEDUP = "dedup=";
    private CaliforniumPskServer() {
    }

    public static void main(String[] args) throws IOException {
        String deduplicator = null;
        for (int i = 2; i < args.length; i++) {
            if (args[i].startsWith(DEDUP)) {
                deduplicator = args[i].substring(DEDUP.length());
            }
        }
        CoapServer server = create(ServerLauncher.bindAddress(args), deduplicator, ShortExchangeLifetime.fromArgs(args));
        server.start();
        ServerLauncher.announceAndServe(server.getEndpoints().get(0).getAddress().getPort(), server::destroy);
    }

    /**
     * The server, not started, bound to {@code address}; {@code deduplicator} and {@code exchangeLifetime}
     * null for the defaults.
     */
    public static CoapServer create(InetSocketAddress address, String deduplicator, Duration exchangeLifetime) {
        Configuration config = configuration(deduplicator, exchangeLifetime);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(address)
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
                .setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_PSK_WITH_AES_128_CCM_8)
                // Stated, not changed: every handshake starts with a cookie exchange, as ours and libcoap's do.
                .set(DtlsConfig.DTLS_USE_HELLO_VERIFY_REQUEST_FOR_PSK, true)
                // Room for the 10,000 idle sessions of the memory benchmark (the default, stated).
                .set(DtlsConfig.DTLS_MAX_CONNECTIONS, DtlsConfig.DEFAULT_MAX_CONNECTIONS)
                .setAdvancedPskStore(new AdvancedSinglePskStore(BenchPsk.IDENTITY, BenchPsk.key()))
                .build();
        return serve(config, dtls);
    }

    /**
     * The configuration every Californium DTLS server of the benchmark shares (the PSK and the RPK one alike):
     * the defaults, with {@code deduplicator} and {@code exchangeLifetime} when not null.
     */
    static Configuration configuration(String deduplicator, Duration exchangeLifetime) {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        Configuration config = Configuration.createStandardWithoutFile();
        if (deduplicator != null) {
            config.set(CoapConfig.DEDUPLICATOR, deduplicator);
        }
        if (exchangeLifetime != null) {
            config.set(CoapConfig.EXCHANGE_LIFETIME, exchangeLifetime.toMillis(), TimeUnit.MILLISECONDS);
            config.set(CoapConfig.NON_LIFETIME, exchangeLifetime.toMillis(), TimeUnit.MILLISECONDS);
            config.set(CoapConfig.MARK_AND_SWEEP_INTERVAL, 1, TimeUnit.SECONDS);
        }
        return config;
    }

    /** A CoAP server with one endpoint over a Scandium connector configured by {@code dtls}, serving /hello. */
    static CoapServer serve(Configuration config, DtlsConnectorConfig dtls) {
        DTLSConnector connector = new DTLSConnector(dtls);
        CoapEndpoint endpoint = new CoapEndpoint.Builder()
                .setConfiguration(config)
                .setConnector(connector)
                .build();
        CoapServer server = new CoapServer(config);
        server.addEndpoint(endpoint);
        server.add(new HelloCoapResource());
        return server;
    }

    private static final class HelloCoapResource extends CoapResource {
        private final byte[] payload = HelloResource.payload();

        HelloCoapResource() {
            super(HelloResource.PATH);
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            exchange.respond(ResponseCode.CONTENT, payload, MediaTypeRegistry.TEXT_PLAIN);
        }
    }
}
