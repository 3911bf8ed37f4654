package io.coaps4j.examples;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.credentials.PskPeer;
import java.io.PrintStream;

/**
 * A CoAP client over DTLS with a pre-shared key: GETs a {@code coaps://localhost...} URI (default
 * {@code coaps://localhost/hello}, the {@link PskServer}) and prints the response code and payload.
 */
public final class PskClient {
    private PskClient() {
    }

    public static void main(String[] args) {
        get(args.length > 0 ? args[0] : "coaps://localhost/hello", System.out);
    }

    /** GETs {@code uri} and prints the answer to {@code out}. */
    public static void get(String uri, PrintStream out) {
        // The key is offered only to the server reached as "localhost" (RFC 7252 section 9.1.3.1).
        InMemoryPskStore keys = InMemoryPskStore.builder()
                .add(Keys.DEVICE, Keys.DEVICE_KEY, PskPeer.hostName("localhost")).build();
        try (CoapClient client = CoapClient.builder().connector(DtlsConnector.client(keys)).build()) {
            CoapResponse response = client.get(uri);
            out.println(response.code() + " " + response.payloadAsString());
        }
    }
}
