package io.coaps4j.bench.server;

import io.coaps4j.bench.BenchPsk;
import io.coaps4j.bench.HelloResource;
import io.coaps4j.bench.ObserveResources;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.dtls.credentials.InMemoryPskStore;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The coaps4j server of the observe and block2 suites: {@link OurPskServer}'s DTLS PSK connector and
 * defaults (observers up to 100,000 in total, block-wise bodies up to 1 MiB), serving /hello, the
 * observable /obs (NON notifications; POST /obs changes it) and the 1 MB /large of
 * {@link ObserveResources}. Arguments: {@code [host] [port] [exchange-lifetime=SECONDS]} (see
 * {@link ShortExchangeLifetime}).
 */
public final class OurObserveServer {
    private OurObserveServer() {
    }

    public static void main(String[] args) throws Exception {
        CoapServer server = create(ServerLauncher.bindAddress(args), ShortExchangeLifetime.fromArgs(args)).start();
        ServerLauncher.announceAndServe(server.localAddress().getPort(), server::close);
    }

    /** The server, not started; {@code exchangeLifetime} null for the RFC 7252 default (247 s). */
    public static CoapServer create(InetSocketAddress address, Duration exchangeLifetime) {
        CoapResponse hello = CoapResponse.content(HelloResource.TEXT);
        CoapResponse large = CoapResponse.content(ObserveResources.largeBody(), 42);
        AtomicLong count = new AtomicLong();
        Resource[] observed = new Resource[1];
        observed[0] = Resource.builder(ObserveResources.OBSERVED).observable(MessageType.NON)
                .get(request -> CoapResponse.content(ObserveResources.state(count.get()), 0))
                .post(request -> {
                    count.incrementAndGet();
                    observed[0].changed();
                    return CoapResponse.of(Code.CHANGED);
                })
                .build();
        InMemoryPskStore psk = InMemoryPskStore.builder().add(BenchPsk.IDENTITY, BenchPsk.key()).build();
        CoapServer.Builder server = CoapServer.builder()
                .name("bench-coaps4j-observe")
                .connector(DtlsConnector.builder().bind(address).psk(psk).build())
                .resource(Resource.builder(HelloResource.PATH).get(request -> hello).build())
                .resource(observed[0])
                .resource(Resource.builder(ObserveResources.LARGE).get(request -> large).build());
        if (exchangeLifetime != null) {
            server.config(EngineConfig.DEFAULT.toBuilder()
                    .transmission(OurPskServer.transmissionWithLifetime(exchangeLifetime)).build());
        }
        return server.build();
    }
}
