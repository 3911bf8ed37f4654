package io.coaps4j.interop;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * A Californium 3.13 server with resources that exercise our client: a piggybacked GET, POST that
 * echoes, PUT/GET/DELETE of one value, and a separate response (RFC 7252 section 5.2.2) — an empty
 * ACK first, the response later in its own CON.
 */
final class CaliforniumTestServer implements AutoCloseable {
    static final String HELLO = "Hello from Californium";
    static final long SEPARATE_DELAY_MILLIS = 300;

    private final CoapServer server;
    private final CoapEndpoint endpoint;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    CaliforniumTestServer() {
        server = new CoapServer(CaliforniumPeers.configuration());
        endpoint = CaliforniumPeers.loopbackEndpoint();
        server.addEndpoint(endpoint);
        server.add(new HelloResource(), new EchoResource(), new ValueResource(), new SeparateResource(), new AcceptResource());
        server.start();
    }

    int port() {
        return endpoint.getAddress().getPort();
    }

    String uri(String path) {
        return "coap://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() {
        later.shutdownNow();
        server.destroy();
    }

    private static final class HelloResource extends CoapResource {
        HelloResource() {
            super("hello");
            getAttributes().setTitle("Hello");
            getAttributes().addContentType(MediaTypeRegistry.TEXT_PLAIN);
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            exchange.respond(ResponseCode.CONTENT, HELLO, MediaTypeRegistry.TEXT_PLAIN);
        }
    }

    /** POST answers 2.04 with the request's payload and Content-Format. */
    private static final class EchoResource extends CoapResource {
        EchoResource() {
            super("echo");
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            int format = exchange.getRequestOptions().getContentFormat();
            exchange.respond(ResponseCode.CHANGED, exchange.getRequestPayload(), format);
        }
    }

    /** One value: PUT creates (2.01) or replaces (2.04), GET reads (2.05, or 4.04), DELETE removes (2.02). */
    private static final class ValueResource extends CoapResource {
        private volatile byte[] value;
        private volatile int format = MediaTypeRegistry.UNDEFINED;

        ValueResource() {
            super("value");
        }

        @Override
        public void handlePUT(CoapExchange exchange) {
            boolean created = value == null;
            format = exchange.getRequestOptions().getContentFormat();
            value = exchange.getRequestPayload();
            exchange.respond(created ? ResponseCode.CREATED : ResponseCode.CHANGED);
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            byte[] current = value;
            if (current == null) {
                exchange.respond(ResponseCode.NOT_FOUND);
            } else {
                exchange.respond(ResponseCode.CONTENT, current, format);
            }
        }

        @Override
        public void handleDELETE(CoapExchange exchange) {
            value = null;
            exchange.respond(ResponseCode.DELETED);
        }
    }

    /** Accepts the request at once (empty ACK), then answers in a separate CON response. */
    private final class SeparateResource extends CoapResource {
        SeparateResource() {
            super("separate");
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            exchange.accept();
            later.schedule(() -> {
                Response response = new Response(ResponseCode.CONTENT);
                response.setPayload("separate from Californium".getBytes(StandardCharsets.UTF_8));
                response.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
                exchange.respond(response);
            }, SEPARATE_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Answers with the Accept option it received ("none" without one), to show what the client sent. */
    private static final class AcceptResource extends CoapResource {
        AcceptResource() {
            super("accept");
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            int accept = exchange.getRequestOptions().getAccept();
            exchange.respond(ResponseCode.CONTENT, accept == MediaTypeRegistry.UNDEFINED ? "none" : String.valueOf(accept),
                    MediaTypeRegistry.TEXT_PLAIN);
        }
    }
}
