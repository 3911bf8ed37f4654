package io.coaps4j.interop;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.coap.option.OptionRegistry;
import org.eclipse.californium.core.coap.option.StandardOptionRegistry;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;

/** Californium set up for tests: no properties file written, loopback only, ephemeral ports. */
final class CaliforniumPeers {
    static {
        CoapConfig.register();
        UdpConfig.register();
    }

    private CaliforniumPeers() {
    }

    /** Californium's defaults, without reading or writing Californium3.properties in the working folder. */
    static Configuration configuration() {
        return Configuration.createStandardWithoutFile();
    }

    /** A plain UDP endpoint on a loopback ephemeral port. */
    static CoapEndpoint loopbackEndpoint() {
        return loopbackEndpoint(StandardOptionRegistry.getDefaultOptionRegistry());
    }

    /** The same, knowing the options of {@code options}. */
    static CoapEndpoint loopbackEndpoint(OptionRegistry options) {
        return new CoapEndpoint.Builder()
                .setConfiguration(configuration())
                .setOptionRegistry(options)
                .setInetSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .build();
    }

    /** A Californium client for {@code uri} with its own endpoint and a bounded wait. */
    static CoapClient client(String uri) {
        CoapClient client = new CoapClient(uri);
        client.setEndpoint(loopbackEndpoint());
        client.setTimeout(5_000L);
        return client;
    }
}
