package io.coaps4j.interop;

import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;

/**
 * A Californium 3.13 server on Scandium with one PSK identity: {@code /hello} answers with the
 * identity the handshake authenticated (so a test sees which key was used), {@code /value} is one
 * value to PUT (2.01 then 2.04) and GET.
 */
final class ScandiumPskServer implements AutoCloseable {
    static final String HELLO = "Hello over DTLS, ";

    private final CoapServer server;
    private final CoapEndpoint endpoint;

    ScandiumPskServer(String identity, byte[] key) {
        server = new CoapServer(CaliforniumPeers.configuration());
        endpoint = ScandiumPsk.serverEndpoint(identity, key);
        server.addEndpoint(endpoint);
        server.add(new HelloResource(), new ValueResource());
        server.start();
    }

    int port() {
        return endpoint.getAddress().getPort();
    }

    String uri(String path) {
        return "coaps://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() {
        server.destroy();
    }

    private static final class HelloResource extends CoapResource {
        HelloResource() {
            super("hello");
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            Object peer = exchange.advanced().getRequest().getSourceContext().getPeerIdentity();
            String name = peer instanceof PreSharedKeyIdentity psk ? psk.getIdentity() : "unauthenticated";
            exchange.respond(ResponseCode.CONTENT, HELLO + name, MediaTypeRegistry.TEXT_PLAIN);
        }
    }

    private static final class ValueResource extends CoapResource {
        private final AtomicReference<byte[]> value = new AtomicReference<>();

        ValueResource() {
            super("value");
        }

        @Override
        public void handlePUT(CoapExchange exchange) {
            boolean created = value.getAndSet(exchange.getRequestPayload()) == null;
            exchange.respond(created ? ResponseCode.CREATED : ResponseCode.CHANGED);
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            byte[] current = value.get();
            if (current == null) {
                exchange.respond(ResponseCode.NOT_FOUND);
            } else {
                exchange.respond(ResponseCode.CONTENT, current, MediaTypeRegistry.TEXT_PLAIN);
            }
        }
    }
}
