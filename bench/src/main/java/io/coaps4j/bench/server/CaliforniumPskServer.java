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

/**
 * Californium 3.13 with Scandium serving GET /hello over DTLS 1.2 with PSK, TLS_PSK_WITH_AES_128_CCM_8
 * only, otherwise its default configuration: HelloVerifyRequest (cookie exchange) for PSK handshakes,
 * extended master secret, up to {@value DtlsConfig#DEFAULT_MAX_CONNECTIONS} connections kept for
 * {@value DtlsConfig#DEFAULT_STALE_CONNECTION_TRESHOLD_SECONDS} s. Arguments: {@code [host] [port]
 * [deduplicator]} as for {@link CaliforniumHelloServer}.
 */
public final class CaliforniumPskServer {
    private CaliforniumPskServer() {
    }

    public static void main(String[] args) throws IOException {
        CoapServer server = create(ServerLauncher.bindAddress(args), args.length > 2 ? args[2] : null);
        server.start();
        ServerLauncher.announceAndServe(server.getEndpoints().get(0).getAddress().getPort(), server::destroy);
    }

    /** The server, not started, bound to {@code address}; {@code deduplicator} null for the default. */
    public static CoapServer create(InetSocketAddress address, String deduplicator) {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        Configuration config = Configuration.createStandardWithoutFile();
        if (deduplicator != null) {
            config.set(CoapConfig.DEDUPLICATOR, deduplicator);
        }
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
