package io.coaps4j.interop;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.coap.option.MapBasedOptionRegistry;
import org.eclipse.californium.core.coap.option.OptionDefinition;
import org.eclipse.californium.core.coap.option.OptionRegistry;
import org.eclipse.californium.core.coap.option.StandardOptionRegistry;
import org.eclipse.californium.proxy2.ClientEndpoints;
import org.eclipse.californium.proxy2.ClientSingleEndpoint;
import org.eclipse.californium.proxy2.Coap2CoapTranslator;
import org.eclipse.californium.proxy2.resources.ForwardProxyMessageDeliverer;
import org.eclipse.californium.proxy2.resources.ProxyCoapClientResource;

/**
 * Californium's {@code californium-proxy2} (3.9.1, the last on Maven Central, on californium-core 3.13) set up
 * as an independent forward CoAP-to-CoAP proxy (RFC 7252 section 5.7.2) on loopback ephemeral ports: clients
 * send Proxy-Uri (or Proxy-Scheme) requests to its {@code coap://} listener, or to its {@code coaps://}
 * listener in the PSK mode; it forwards to {@code coap://} origins, and to {@code coaps://} origins in the
 * PSK mode when given an origin key. Each leg its own endpoint and session, as in our proxy. No cache.
 * <pre>{@code
 * try (CaliforniumProxy2 proxy = CaliforniumProxy2.start(Optional.of(clientPsk), Optional.of(originPsk))) {
 *     // request to proxy.coapAddress() (or proxy.coapsAddress()) with Proxy-Uri coaps://127.0.0.1:port/hello
 * }
 * }</pre>
 */
public final class CaliforniumProxy2 implements AutoCloseable {
    /** A PSK identity and key, for one leg. */
    public record Psk(String identity, byte[] key) {
    }

    private final CoapServer server;
    private final CoapEndpoint coapListener;
    private final CoapEndpoint coapsListener;

    private CaliforniumProxy2(Optional<Psk> clients, Optional<Psk> origins, OptionRegistry options) {
        server = new CoapServer(CaliforniumPeers.configuration());
        coapListener = CaliforniumPeers.loopbackEndpoint(options);
        server.addEndpoint(coapListener);
        coapsListener = clients.map(psk -> ScandiumPsk.serverEndpoint(psk.identity(), psk.key())).orElse(null);
        if (coapsListener != null) {
            server.addEndpoint(coapsListener);
        }
        List<ClientEndpoints> toOrigins = new ArrayList<>();
        toOrigins.add(new ClientSingleEndpoint(CaliforniumPeers.loopbackEndpoint(options)));
        origins.ifPresent(psk -> toOrigins.add(new ClientSingleEndpoint(
                ScandiumPsk.clientEndpoint(psk.identity(), psk.key()))));
        Coap2CoapTranslator translator = new Coap2CoapTranslator();
        ProxyCoapClientResource coap2coap = new ProxyCoapClientResource("coap2coap", false, false, translator,
                toOrigins.toArray(ClientEndpoints[]::new));
        ForwardProxyMessageDeliverer deliverer = new ForwardProxyMessageDeliverer(server.getRoot(), translator,
                CaliforniumPeers.configuration());
        deliverer.addProxyCoapResources(coap2coap);
        server.setMessageDeliverer(deliverer);
        server.add(coap2coap);
        server.start();
        deliverer.addExposedServiceAddresses(coapListener.getAddress());
        if (coapsListener != null) {
            deliverer.addExposedServiceAddresses(coapsListener.getAddress());
        }
    }

    /**
     * Starts the proxy: a coaps listener when {@code clients} gives the key its clients use, a coaps leg to
     * origins when {@code origins} gives the key the origins know.
     */
    public static CaliforniumProxy2 start(Optional<Psk> clients, Optional<Psk> origins) {
        return new CaliforniumProxy2(clients, origins, StandardOptionRegistry.getDefaultOptionRegistry());
    }

    /**
     * Only coap:// on both legs, its plain endpoints also knowing {@code extra}: Californium answers an unknown
     * critical option with 4.02 even when it is safe-to-forward (docs/E2E.md), so its operator registers it.
     */
    public static CaliforniumProxy2 startKnowing(OptionDefinition... extra) {
        return new CaliforniumProxy2(Optional.empty(), Optional.empty(),
                new MapBasedOptionRegistry(StandardOptionRegistry.getDefaultOptionRegistry(), extra));
    }

    /** Only coap:// on both legs. */
    public static CaliforniumProxy2 start() {
        return start(Optional.empty(), Optional.empty());
    }

    public InetSocketAddress coapAddress() {
        return coapListener.getAddress();
    }

    /** The coaps listener's address; throws when started without a client key. */
    public InetSocketAddress coapsAddress() {
        if (coapsListener == null) {
            throw new IllegalStateException("started without a coaps listener (no client PSK)");
        }
        return coapsListener.getAddress();
    }

    @Override
    public void close() {
        server.destroy();
    }
}
