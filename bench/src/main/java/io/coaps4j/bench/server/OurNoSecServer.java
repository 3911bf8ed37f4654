package io.coaps4j.bench.server;

import io.coaps4j.bench.HelloResource;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;

/**
 * The coaps4j CoAP server over plain UDP (NoSec, RFC 7252 section 9) with default configuration,
 * serving GET /hello. Handlers run on the event loop, as by default.
 */
public final class OurNoSecServer {
    private OurNoSecServer() {
    }

    public static void main(String[] args) throws Exception {
        // One immutable response, built once: the benchmark measures the stack, not the handler.
        CoapResponse hello = CoapResponse.content(HelloResource.TEXT);
        CoapServer server = CoapServer.builder()
                .name("bench-coaps4j")
                .bind(ServerLauncher.bindAddress(args))
                .resource(Resource.builder(HelloResource.PATH).get(request -> hello).build())
                .build()
                .start();
        ServerLauncher.announceAndServe(server.localAddress().getPort(), server::close);
    }
}
