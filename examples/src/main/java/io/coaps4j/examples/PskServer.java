package io.coaps4j.examples;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import java.net.InetSocketAddress;

/**
 * A CoAP server over DTLS with a pre-shared key (RFC 7252 section 9.1.3.1): {@code /hello} greets
 * the client by its PSK identity. Run it with a port (default 5684, 0 for any free one) and try it
 * with {@link PskClient}.
 */
public final class PskServer {
    private PskServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 5684;
        try (CoapServer server = start(port)) {
            System.out.println("listening on coaps://localhost:" + server.localAddress().getPort());
            Thread.currentThread().join(); // serve until the process is stopped
        }
    }

    /** Starts the server on {@code port} of every address; closing it frees the port. */
    public static CoapServer start(int port) {
        InMemoryPskStore keys = InMemoryPskStore.builder().add(Keys.DEVICE, Keys.DEVICE_KEY).build();
        return CoapServer.builder()
                .connector(DtlsConnector.builder().bind(new InetSocketAddress(port)).psk(keys).build())
                .resource(Resource.builder("hello")
                        .title("Hello")
                        .contentFormat(0)
                        // The handler sees who the client is: the PSK identity its handshake proved.
                        .get(request -> CoapResponse.content("Hello, " + request.principal().orElseThrow().getName()))
                        .build())
                .build()
                .start();
    }
}
