package io.coaps4j.interop;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * Californium endpoints over Scandium (DTLS 1.2) in the PSK mode with TLS_PSK_WITH_AES_128_CCM_8
 * only, the suite RFC 7252 section 9.1.3.1 makes mandatory: loopback, ephemeral ports, no
 * properties file.
 */
final class ScandiumPsk {
    static {
        DtlsConfig.register();
    }

    private ScandiumPsk() {
    }

    private static Configuration configuration(DtlsConfig.DtlsRole role) {
        Configuration configuration = CaliforniumPeers.configuration();
        configuration.set(DtlsConfig.DTLS_ROLE, role);
        configuration.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
        configuration.set(DtlsConfig.DTLS_CIPHER_SUITES, List.of(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8));
        return configuration;
    }

    /** A server endpoint that knows one identity and its key. */
    static CoapEndpoint serverEndpoint(String identity, byte[] key) {
        AdvancedMultiPskStore store = new AdvancedMultiPskStore();
        store.setKey(identity, key);
        Configuration configuration = configuration(DtlsConfig.DtlsRole.SERVER_ONLY);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(configuration)
                .setAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .setAdvancedPskStore(store)
                .build();
        return new CoapEndpoint.Builder().setConfiguration(configuration).setConnector(new DTLSConnector(dtls)).build();
    }

    /** A client endpoint (coaps) on a loopback ephemeral port that offers {@code identity} with {@code key}. */
    static CoapEndpoint clientEndpoint(String identity, byte[] key) {
        Configuration configuration = configuration(DtlsConfig.DtlsRole.CLIENT_ONLY);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(configuration)
                .setAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key))
                .build();
        return new CoapEndpoint.Builder().setConfiguration(configuration).setConnector(new DTLSConnector(dtls)).build();
    }

    /** A client for {@code uri} that offers {@code identity} with {@code key}, with a bounded wait. */
    static CoapClient client(String uri, String identity, byte[] key) {
        Configuration configuration = configuration(DtlsConfig.DtlsRole.CLIENT_ONLY);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(configuration)
                .setAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key))
                .build();
        CoapClient client = new CoapClient(uri);
        client.setEndpoint(new CoapEndpoint.Builder().setConfiguration(configuration)
                .setConnector(new DTLSConnector(dtls)).build());
        client.setTimeout(10_000L);
        return client;
    }
}
