package io.coaps4j.cli.server;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.dtls.config.ConnectionIdPolicy;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.e2e.E2eAssociations;
import io.coaps4j.e2e.E2eKeys;
import io.coaps4j.e2e.E2eLayer;
import io.coaps4j.e2e.E2eOptions;
import io.coaps4j.e2e.HandshakeResource;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code coaps4j server --e2e-psk ID:HEX}: end-to-end protection on every endpoint, SAs derived from the key
 * and the nonce a client's SA identifier carries, and the handshake-over-CoAP resource with the same key.
 */
final class EndToEndServer {
    private static final Duration LIFETIME = Duration.ofHours(1);

    private EndToEndServer() {
    }

    static Consumer<CoapServer.Builder> extras(String e2ePsk) {
        int colon = e2ePsk.lastIndexOf(':');
        byte[] key;
        try {
            if (colon < 1) {
                throw new IllegalArgumentException("no ':'");
            }
            key = HexFormat.of().parseHex(e2ePsk.substring(colon + 1));
            if (key.length == 0) {
                throw new IllegalArgumentException("empty key");
            }
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, "--e2e-psk must be ID:HEX (identity, ':', key in hex digits)");
        }
        String identity = e2ePsk.substring(0, colon);
        E2eAssociations associations = new E2eAssociations();
        associations.resolver(E2eKeys.resolver(key, identity, LIFETIME));
        DtlsConfig handshakes = DtlsConfig.builder().pskStore(InMemoryPskStore.builder().add(identity, key).build())
                .connectionIds(ConnectionIdPolicy.DISABLED).build();
        return builder -> builder
                .config(EngineConfig.builder().recognizedOptions(E2eOptions.withE2e(EngineConfig.DEFAULT_OPTIONS)).build())
                .layers(List.of(new E2eLayer(associations)))
                .resource(HandshakeResource.resource(handshakes, associations, LIFETIME));
    }
}
