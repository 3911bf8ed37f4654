package io.coaps4j.bench.proxy;

import io.coaps4j.bench.BenchPsk;
import io.coaps4j.bench.server.ServerLauncher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.util.ExecutorsUtil;
import org.eclipse.californium.elements.util.NamedThreadFactory;
import org.eclipse.californium.proxy2.ClientEndpoints;
import org.eclipse.californium.proxy2.EndpointPool;
import org.eclipse.californium.proxy2.Coap2CoapTranslator;
import org.eclipse.californium.proxy2.resources.ForwardProxyMessageDeliverer;
import org.eclipse.californium.proxy2.resources.ProxyCoapClientResource;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * Californium's californium-proxy2 (3.9.1 on core 3.13) as a forward CoAP-to-CoAP proxy under the same load:
 * arguments {@code [host] [port] [psk|coap]}, legs as in {@link OurProxyServer} (Scandium PSK with
 * TLS_PSK_WITH_AES_128_CCM_8 on both, or plain UDP on both), no cache, Californium's default configuration.
 * Towards the origin it takes an endpoint per request in flight from proxy2's own {@link EndpointPool} (up to
 * 64, as many as our proxy may use): one endpoint sends an origin at most 65,536 messages per EXCHANGE_LIFETIME
 * (RFC 7252 section 4.4), and a single one stalls under this load.
 */
public final class CaliforniumProxy2Server {
    private CaliforniumProxy2Server() {
    }

    public static void main(String[] args) throws Exception {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        InetSocketAddress bind = ServerLauncher.bindAddress(args);
        boolean psk = args.length < 3 || args[2].equals("psk");
        Configuration config = Configuration.createStandardWithoutFile();
        CoapServer server = new CoapServer(config);
        CoapEndpoint listener = psk ? dtlsEndpoint(config, bind, DtlsConfig.DtlsRole.SERVER_ONLY)
                : new CoapEndpoint.Builder().setConfiguration(config).setInetSocketAddress(bind).build();
        server.addEndpoint(listener);
        ScheduledExecutorService main = ExecutorsUtil.newScheduledThreadPool(
                config.get(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT), new NamedThreadFactory("proxy2-origin#"));
        ScheduledExecutorService secondary = ExecutorsUtil.newDefaultSecondaryScheduler("proxy2-origin-timer#");
        EndpointPool toOrigins = new OriginPool(config, bind.getAddress(), psk, main, secondary);
        Coap2CoapTranslator translator = new Coap2CoapTranslator();
        ProxyCoapClientResource coap2coap = new ProxyCoapClientResource("coap2coap", false, false, translator,
                new ClientEndpoints[] {toOrigins});
        ForwardProxyMessageDeliverer deliverer = new ForwardProxyMessageDeliverer(server.getRoot(), translator, config);
        deliverer.addProxyCoapResources(coap2coap);
        server.setMessageDeliverer(deliverer);
        server.add(coap2coap);
        server.start();
        deliverer.addExposedServiceAddresses(listener.getAddress());
        ServerLauncher.announceAndServe(listener.getAddress().getPort(), server::destroy);
    }

    /** proxy2's pool, its endpoints bound to the benchmark's address, on DTLS PSK for the psk legs. */
    private static final class OriginPool extends EndpointPool {
        private static final int SIZE = 64;
        private final InetAddress host;
        private final boolean psk;

        OriginPool(Configuration config, InetAddress host, boolean psk, ScheduledExecutorService main,
                   ScheduledExecutorService secondary) {
            super(SIZE, config, main, secondary);
            this.host = host;
            this.psk = psk;
            this.scheme = init(4);
        }

        @Override
        protected Endpoint createEndpoint() throws IOException {
            InetSocketAddress address = new InetSocketAddress(host, 0);
            CoapEndpoint endpoint = psk ? dtlsEndpoint(config, address, DtlsConfig.DtlsRole.CLIENT_ONLY)
                    : new CoapEndpoint.Builder().setConfiguration(config).setInetSocketAddress(address).build();
            endpoint.setExecutors(mainExecutor, secondaryExecutor);
            try {
                endpoint.start();
            } catch (IOException e) {
                endpoint.destroy();
                throw e;
            }
            return endpoint;
        }
    }

    private static CoapEndpoint dtlsEndpoint(Configuration config, InetSocketAddress address, DtlsConfig.DtlsRole role) {
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(address)
                .set(DtlsConfig.DTLS_ROLE, role)
                .setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_PSK_WITH_AES_128_CCM_8)
                .set(DtlsConfig.DTLS_USE_HELLO_VERIFY_REQUEST_FOR_PSK, true)
                .setAdvancedPskStore(new AdvancedSinglePskStore(BenchPsk.IDENTITY, BenchPsk.key()))
                .build();
        return new CoapEndpoint.Builder().setConfiguration(config).setConnector(new DTLSConnector(dtls)).build();
    }
}
