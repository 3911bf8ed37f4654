package io.coaps4j.examples;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.credentials.PskPeer;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Set;

/**
 * A resource with an authorization hook: {@code /door} admits only some PSK identities. The server
 * knows two devices; the door opens for one, the other gets 4.03 Forbidden, and a client without DTLS
 * would get 4.01 Unauthorized. The program runs the server and both clients, and prints what each got.
 */
public final class AuthorizedResource {
    static final String GUEST = "guest-7";
    static final byte[] GUEST_KEY = HexFormat.of().parseHex("ffeeddccbbaa99887766554433221100");
    private static final Set<String> MAY_OPEN = Set.of(Keys.DEVICE);

    private AuthorizedResource() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** Starts the server on a free port, sends one GET per identity, prints the answers, stops. */
    public static void run(PrintStream out) {
        InMemoryPskStore serverKeys = InMemoryPskStore.builder()
                .add(Keys.DEVICE, Keys.DEVICE_KEY)
                .add(GUEST, GUEST_KEY)
                .build();
        try (CoapServer server = CoapServer.builder()
                .connector(DtlsConnector.builder()
                        .bind(new InetSocketAddress(0)).psk(serverKeys).build())
                .resource(Resource.builder("door")
                        // Checked before the handler runs: no identity is 4.01, one refused here is 4.03.
                        .authorize(principal -> MAY_OPEN.contains(principal.getName()))
                        .get(request -> CoapResponse.content("opened for " + request.principal().orElseThrow().getName()))
                        .build())
                .build()
                .start()) {
            String door = "coaps://localhost:" + server.localAddress().getPort() + "/door";
            out.println(Keys.DEVICE + ": " + knock(door, Keys.DEVICE, Keys.DEVICE_KEY));
            out.println(GUEST + ": " + knock(door, GUEST, GUEST_KEY));
        }
    }

    private static String knock(String door, String identity, byte[] key) {
        InMemoryPskStore keys = InMemoryPskStore.builder().add(identity, key, PskPeer.hostName("localhost")).build();
        try (CoapClient client = CoapClient.builder().connector(DtlsConnector.client(keys)).build()) {
            CoapResponse response = client.get(door);
            return response.code() + (response.payloadLength() > 0 ? " " + response.payloadAsString() : "");
        }
    }
}
