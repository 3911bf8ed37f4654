package io.coaps4j.bench.proxy;

import io.coaps4j.bench.BenchPsk;
import io.coaps4j.bench.server.ServerLauncher;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.messaging.TransmissionParameters;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.proxy.CoapProxy;
import java.net.InetSocketAddress;

/**
 * The coaps4j forward-proxy under load: arguments {@code [host] [port] [psk|coap]}. With {@code psk} (the
 * default) clients reach it over coaps:// with the benchmark PSK and it reaches coaps:// origins with the same
 * PSK, each leg its own session; with {@code coap} both legs are plain UDP. No cache (every request is
 * forwarded); the origin leg allows 64 requests in flight to one origin (NSTART), as the clients share it, and
 * spreads them over up to 64 endpoints: one endpoint sends the origin at most 65,536 messages per
 * EXCHANGE_LIFETIME (RFC 7252 section 4.4), which the suites' runs together exceed.
 */
public final class OurProxyServer {
    private OurProxyServer() {
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress bind = ServerLauncher.bindAddress(args);
        boolean psk = args.length < 3 || args[2].equals("psk");
        InMemoryPskStore keys = InMemoryPskStore.builder().add(BenchPsk.IDENTITY, BenchPsk.key()).build();
        CoapProxy.Builder builder = CoapProxy.builder().name("bench-coaps4j-proxy").withoutCache().originEndpoints(64)
                .originConfig(EngineConfig.DEFAULT.toBuilder()
                        .transmission(TransmissionParameters.DEFAULT.toBuilder().nstart(64).build()).build())
                .originBind(new InetSocketAddress(bind.getAddress(), 0));
        if (psk) {
            builder.connector(DtlsConnector.builder().bind(bind).psk(keys).build())
                    .originConnectors(() -> DtlsConnector.builder().bind(new InetSocketAddress(bind.getAddress(), 0))
                            .psk(keys).acceptHandshakes(false).build());
        } else {
            builder.bind(bind);
        }
        CoapProxy proxy = builder.build().start();
        ServerLauncher.announceAndServe(proxy.localAddresses().get(0).getPort(), proxy::close);
    }
}
