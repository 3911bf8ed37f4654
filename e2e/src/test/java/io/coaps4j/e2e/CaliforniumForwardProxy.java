package io.coaps4j.e2e;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.option.MapBasedOptionRegistry;
import org.eclipse.californium.core.coap.option.OpaqueOptionDefinition;
import org.eclipse.californium.core.coap.option.OptionRegistry;
import org.eclipse.californium.core.coap.option.StandardOptionRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.proxy2.ClientSingleEndpoint;
import org.eclipse.californium.proxy2.Coap2CoapTranslator;
import org.eclipse.californium.proxy2.config.Proxy2Config;
import org.eclipse.californium.proxy2.resources.ForwardProxyMessageDeliverer;
import org.eclipse.californium.proxy2.resources.ProxyCoapClientResource;

/**
 * Californium's californium-proxy2 as a forward CoAP-to-CoAP proxy on a loopback ephemeral port (as its
 * ExampleCrossProxy2 sets one up): an independent RFC 7252 proxy that knows nothing of end-to-end protection.
 */
final class CaliforniumForwardProxy implements AutoCloseable {
    static {
        CoapConfig.register();
        UdpConfig.register();
        Proxy2Config.register();
    }

    private final CoapServer server;
    private final CoapEndpoint outgoing;

    /**
     * @param knowsE2e whether the proxy's endpoints are told the E2E option: Californium rejects an
     *                 unknown critical option with 4.02 even when it is safe-to-forward and the request is
     *                 to be proxied (RFC 7252 section 5.4.1 says the critical rules apply to non-proxying
     *                 endpoints only), so its operator registers the option (docs/E2E.md section 4)
     */
    CaliforniumForwardProxy(boolean knowsE2e) {
        Configuration config = Configuration.createStandardWithoutFile();
        OptionRegistry options = new MapBasedOptionRegistry(StandardOptionRegistry.getDefaultOptionRegistry(),
                new OpaqueOptionDefinition(E2eOptions.E2E, "E2E", true, 0, E2eOptions.MAX_SA_ID_LENGTH));
        outgoing = endpoint(config, knowsE2e ? options : null);
        ProxyCoapClientResource coap2coap = new ProxyCoapClientResource("coap2coap", false, false,
                new Coap2CoapTranslator(), new ClientSingleEndpoint(outgoing));
        CoapEndpoint incoming = endpoint(config, knowsE2e ? options : null);
        server = new CoapServer(config);
        server.addEndpoint(incoming);
        server.add(coap2coap);
        ForwardProxyMessageDeliverer deliverer = new ForwardProxyMessageDeliverer(server.getRoot(),
                coap2coap.getUriTranslater(), config);
        deliverer.addProxyCoapResources(coap2coap);
        server.setMessageDeliverer(deliverer);
        server.start();
        try {
            outgoing.start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        deliverer.addExposedServiceAddresses(incoming.getAddress());
    }

    /** A loopback endpoint with Californium's own option registry, or {@code options}. */
    private static CoapEndpoint endpoint(Configuration config, OptionRegistry options) {
        CoapEndpoint.Builder builder = new CoapEndpoint.Builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        if (options != null) {
            builder.setOptionRegistry(options);
        }
        return builder.build();
    }

    InetSocketAddress address() {
        return server.getEndpoints().get(0).getAddress();
    }

    @Override
    public void close() {
        server.destroy();
        outgoing.destroy();
    }
}
