package io.coaps4j.bench.server;

import io.coaps4j.bench.BenchRpk;
import io.coaps4j.bench.HelloResource;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.coaps.DtlsConnector;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The coaps4j CoAP server over DTLS 1.2 in the RawPublicKey mode ({@link DtlsConnector} with the run's server
 * key, TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 on secp256r1), client authentication NEEDED (the default) trusting
 * only the generator's key; otherwise as {@link OurPskServer}: default engine and DTLS configuration (cookie
 * exchange, extended master secret, default crypto threads), GET /hello on the event loop. Arguments:
 * {@code [host] [port] keys=DIR [exchange-lifetime=SECONDS]}, the key directory written by {@link BenchRpk#writeTo}.
 */
public final class OurRpkServer {
    private OurRpkServer() {
    }

    public static void main(String[] args) throws Exception {
        BenchRpk keys = BenchRpk.readFrom(BenchRpk.directoryFromArgs(args));
        CoapServer server = create(ServerLauncher.bindAddress(args), keys, ShortExchangeLifetime.fromArgs(args)).start();
        ServerLauncher.announceAndServe(server.localAddress().getPort(), server::close);
    }

    /** The server, not started; {@code exchangeLifetime} null for the RFC 7252 default (247 s). */
    public static CoapServer create(InetSocketAddress address, BenchRpk keys, Duration exchangeLifetime) {
        CoapResponse hello = CoapResponse.content(HelloResource.TEXT);
        CoapServer.Builder server = CoapServer.builder()
                .name("bench-coaps4j-rpk")
                .connector(DtlsConnector.builder().bind(address).credentials(keys.serverCredentials()).build())
                .resource(Resource.builder(HelloResource.PATH).get(request -> hello).build());
        if (exchangeLifetime != null) {
            server.config(EngineConfig.DEFAULT.toBuilder()
                    .transmission(OurPskServer.transmissionWithLifetime(exchangeLifetime)).build());
        }
        return server.build();
    }
}
