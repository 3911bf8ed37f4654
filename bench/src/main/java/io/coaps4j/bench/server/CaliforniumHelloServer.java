package io.coaps4j.bench.server;

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

import java.io.IOException;

/**
 * Californium 3.13 serving GET /hello, with its default configuration (no properties file). Arguments:
 * {@code [host] [port] [deduplicator]}; the optional third one sets {@code COAP.DEDUPLICATOR} (e.g.
 * {@code PEERS_MARK_AND_SWEEP}, which keeps the last 64 message IDs per peer instead of every exchange
 * for EXCHANGE_LIFETIME).
 */
public final class CaliforniumHelloServer {
    private CaliforniumHelloServer() {
    }

    public static void main(String[] args) throws IOException {
        CoapConfig.register();
        UdpConfig.register();
        Configuration config = Configuration.createStandardWithoutFile();
        if (args.length > 2) {
            config.set(CoapConfig.DEDUPLICATOR, args[2]);
        }
        CoapEndpoint endpoint = new CoapEndpoint.Builder()
                .setConfiguration(config)
                .setInetSocketAddress(ServerLauncher.bindAddress(args))
                .build();
        CoapServer server = new CoapServer(config);
        server.addEndpoint(endpoint);
        server.add(new HelloCoapResource());
        server.start();
        ServerLauncher.announceAndServe(endpoint.getAddress().getPort(), server::destroy);
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
