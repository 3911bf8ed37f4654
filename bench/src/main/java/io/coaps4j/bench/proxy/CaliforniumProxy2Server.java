package io.coaps4j.bench.proxy;

import io.coaps4j.bench.BenchPsk;
import io.coaps4j.bench.server.ServerLauncher;
import java.net.InetSocketAddress;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.proxy2.ClientEndpoints;
import org.eclipse.californium.proxy2.ClientSingleEndpoint;
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
        InetSocketAddress originSide = new InetSocketAddress(bind.getAddress(), 0);
        CoapEndpoint toOrigins = psk ? dtlsEndpoint(config, originSide, DtlsConfig.DtlsRole.CLIENT_ONLY)
                : new CoapEndpoint.Builder().setConfiguration(config).setInetSocketAddress(originSide).build();
        Coap2CoapTranslator translator = new Coap2CoapTranslator();
        ProxyCoapClientResource coap2coap = new ProxyCoapClientResource("coap2coap", false, false, translator,
                new ClientEndpoints[] {new ClientSingleEndpoint(toOrigins)});
        ForwardProxyMessageDeliverer deliverer = new ForwardProxyMessageDeliverer(server.getRoot(), translator, config);
        deliverer.addProxyCoapResources(coap2coap);
        server.setMessageDeliverer(deliverer);
        server.add(coap2coap);
        server.start();
        deliverer.addExposedServiceAddresses(listener.getAddress());
        ServerLauncher.announceAndServe(listener.getAddress().getPort(), server::destroy);
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
