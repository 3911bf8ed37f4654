package io.coaps4j.bench.server;

import io.coaps4j.bench.BenchPsk;
import io.coaps4j.bench.HelloResource;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.messaging.TransmissionParameters;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.dtls.credentials.InMemoryPskStore;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The coaps4j CoAP server over DTLS 1.2 with the benchmark PSK ({@link DtlsConnector}, whose only suite is
 * TLS_PSK_WITH_AES_128_CCM_8), default engine and DTLS configuration (cookie exchange, extended master
 * secret, room for 100,000 sessions, no keep-alive), serving GET /hello on the event loop. Arguments:
 * {@code [host] [port] [exchange-lifetime=SECONDS] [max-connections=N]}; see {@link ShortExchangeLifetime}; the last
 * raises the session bound for {@code ManyIdleSessions}.
 */
public final class OurPskServer {
    private OurPskServer() {
    }

    public static void main(String[] args) throws Exception {
        int maxConnections = 0;
        for (int i = 2; i < args.length; i++) {
            if (args[i].startsWith(MAX_CONNECTIONS)) {
                maxConnections = Integer.parseInt(args[i].substring(MAX_CONNECTIONS.length()));
            }
        }
        CoapServer server = create(ServerLauncher.bindAddress(args), ShortExchangeLifetime.fromArgs(args), maxConnections)
                .start();
        ServerLauncher.announceAndServe(server.localAddress().getPort(), server::close);
    }

    /** The server, not started; {@code exchangeLifetime} null for the RFC 7252 default (247 s). */
    public static CoapServer create(InetSocketAddress address, Duration exchangeLifetime) {
        return create(address, exchangeLifetime, 0);
    }

    /** The argument that sets the bound of sessions, for many idle ones. */
    public static final String MAX_CONNECTIONS = "max-connections=";

    /** As {@link #create(InetSocketAddress, Duration)}, room for {@code maxConnections} sessions (0: the default). */
    public static CoapServer create(InetSocketAddress address, Duration exchangeLifetime, int maxConnections) {
        // One immutable response, built once: the benchmark measures the stack, not the handler.
        CoapResponse hello = CoapResponse.content(HelloResource.TEXT);
        InMemoryPskStore psk = InMemoryPskStore.builder().add(BenchPsk.IDENTITY, BenchPsk.key()).build();
        CoapServer.Builder server = CoapServer.builder()
                .name("bench-coaps4j-psk")
                .connector(maxConnections > 0
                        ? DtlsConnector.builder().bind(address).psk(psk).maxConnections(maxConnections).build()
                        : DtlsConnector.builder().bind(address).psk(psk).build())
                .resource(Resource.builder(HelloResource.PATH).get(request -> hello).build());
        if (exchangeLifetime != null) {
            server.config(EngineConfig.DEFAULT.toBuilder().transmission(transmissionWithLifetime(exchangeLifetime)).build());
        }
        return server.build();
    }

    /**
     * Parameters whose EXCHANGE_LIFETIME (MAX_TRANSMIT_SPAN + 2 MAX_LATENCY + PROCESSING_DELAY, RFC 7252
     * section 4.8.2) is {@code lifetime}: one retransmission, ACK_TIMEOUT 1 s, the rest in MAX_LATENCY.
     */
    static TransmissionParameters transmissionWithLifetime(Duration lifetime) {
        TransmissionParameters base = TransmissionParameters.builder().ackTimeout(Duration.ofSeconds(1)).maxRetransmit(1)
                .maxLatency(Duration.ofMillis(1)).build();
        Duration rest = lifetime.minus(base.maxTransmitSpan()).minus(base.processingDelay());
        if (rest.toMillis() < 2) {
            throw new IllegalArgumentException("exchange lifetime must be at least 3 s, was " + lifetime);
        }
        return base.toBuilder().maxLatency(rest.dividedBy(2)).build();
    }
}
