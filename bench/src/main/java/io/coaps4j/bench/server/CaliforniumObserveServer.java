package io.coaps4j.bench.server;

import io.coaps4j.bench.BenchPsk;
import io.coaps4j.bench.ObserveResources;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Californium 3.13 + Scandium for the observe and block2 suites: {@link CaliforniumPskServer}'s PSK
 * configuration (TLS_PSK_WITH_AES_128_CCM_8 only, otherwise defaults), with COAP.MAX_RESOURCE_BODY_SIZE
 * raised to 2 MiB so that the 1 MB body is served block-wise and COAP.PREFERRED_BLOCK_SIZE 1,024 (ours), serving /hello, the observable /obs
 * (NON notifications; POST /obs changes it) and /large of {@link ObserveResources}. Arguments:
 * {@code [host] [port] [exchange-lifetime=SECONDS]} (see {@link ShortExchangeLifetime}).
 */
public final class CaliforniumObserveServer {
    private CaliforniumObserveServer() {
    }

    public static void main(String[] args) throws Exception {
        CoapServer server = create(ServerLauncher.bindAddress(args), ShortExchangeLifetime.fromArgs(args));
        server.start();
        ServerLauncher.announceAndServe(server.getEndpoints().get(0).getAddress().getPort(), server::destroy);
    }

    /** The server, not started; {@code exchangeLifetime} null for the default. */
    public static CoapServer create(InetSocketAddress address, Duration exchangeLifetime) {
        Configuration config = CaliforniumPskServer.configuration(null, exchangeLifetime);
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 2 << 20);
        // 1,024-byte blocks as ours (its default is 512): the same number of exchanges per transfer.
        config.set(CoapConfig.PREFERRED_BLOCK_SIZE, 1024);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(address)
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY)
                .setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_PSK_WITH_AES_128_CCM_8)
                .set(DtlsConfig.DTLS_USE_HELLO_VERIFY_REQUEST_FOR_PSK, true)
                .setAdvancedPskStore(new AdvancedSinglePskStore(BenchPsk.IDENTITY, BenchPsk.key()))
                .build();
        CoapServer server = CaliforniumPskServer.serve(config, dtls);
        server.add(new ObservedResource(), new LargeResource());
        return server;
    }

    private static final class ObservedResource extends CoapResource {
        private final AtomicLong count = new AtomicLong();

        ObservedResource() {
            super(ObserveResources.OBSERVED);
            setObservable(true);
            setObserveType(CoAP.Type.NON);
            getAttributes().setObservable();
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            exchange.respond(ResponseCode.CONTENT, ObserveResources.state(count.get()), MediaTypeRegistry.TEXT_PLAIN);
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            count.incrementAndGet();
            changed();
            exchange.respond(ResponseCode.CHANGED);
        }
    }

    private static final class LargeResource extends CoapResource {
        private final byte[] body = ObserveResources.largeBody();

        LargeResource() {
            super(ObserveResources.LARGE);
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            exchange.respond(ResponseCode.CONTENT, body, MediaTypeRegistry.APPLICATION_OCTET_STREAM);
        }
    }
}
