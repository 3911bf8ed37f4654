package io.coaps4j.cli.client;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.cli.client.EndToEndOptions.EndToEndKey;
import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.client.CoapClientException;
import io.coaps4j.coap.client.ObserveListener;
import io.coaps4j.coap.client.Observing;
import io.coaps4j.coap.endpoint.CoapEndpoint;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.uri.CoapUri;
import io.coaps4j.dtls.config.ConnectionIdPolicy;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.e2e.E2eAssociations;
import io.coaps4j.e2e.E2eClient;
import io.coaps4j.e2e.E2eHandshake;
import io.coaps4j.e2e.E2eHandshakeException;
import io.coaps4j.e2e.E2eKeys;
import io.coaps4j.e2e.E2eLayer;
import io.coaps4j.e2e.E2eOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Requests and observations protected end to end, directly or through {@code --proxy} (plain coap:// legs):
 * one UDP endpoint with the end-to-end layer, and the SA that key management ({@code --e2e-psk}, or with
 * {@code --e2e-handshake} a handshake over CoAP) sets up when first needed.
 */
final class EndToEndRequests implements AutoCloseable {
    private static final Duration LIFETIME = Duration.ofMinutes(10);

    private final CoapUri target;
    private final Optional<String> proxy;
    private final CoapEndpoint endpoint;
    private final CoapClient client;
    private final E2eClient e2e;

    private EndToEndRequests(CoapUri target, Optional<String> proxy, EndToEndKey key, boolean handshake,
                             Duration timeout) {
        if (target.scheme().secure() || proxy.map(p -> p.startsWith("coaps:")).orElse(false)) {
            throw new CommandFailure(ExitCodes.USAGE, "--e2e runs over coap:// legs here; the protection is end to"
                    + " end, so the hops need no DTLS (coaps:// legs with --e2e are not supported yet)");
        }
        this.target = target;
        this.proxy = proxy;
        E2eAssociations associations = new E2eAssociations();
        EngineConfig config = EngineConfig.builder()
                .recognizedOptions(E2eOptions.withE2e(EngineConfig.DEFAULT_OPTIONS)).build();
        try {
            endpoint = CoapEndpoint.builder().config(config).layers(List.of(new E2eLayer(associations)))
                    .name("coaps4j-e2e-client").start();
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "cannot open a UDP socket: " + e.getMessage());
        }
        client = CoapClient.builder().endpoint(endpoint).timeout(timeout).build();
        String origin = target.scheme().text() + "://" + authority(target);
        Supplier<byte[]> keyManagement = handshake
                ? () -> new E2eHandshake(client, handshakeConfig(key), associations, LIFETIME).run(origin, proxy)
                : () -> derived(key, associations);
        e2e = new E2eClient(client, associations, keyManagement);
    }

    /** Opens the endpoint towards {@code target}; close it when done. */
    static EndToEndRequests open(CoapUri target, Optional<String> proxy, EndToEndKey key, boolean handshake,
                                 Duration timeout) {
        return new EndToEndRequests(target, proxy, key, handshake, timeout);
    }

    /** Sends one request protected end to end and returns its (opened) response. */
    static CoapResponse send(Code method, CoapUri target, Optional<String> proxy, EndToEndKey key, boolean handshake,
                             Duration timeout, Consumer<ClientRequest.Builder> body) {
        try (EndToEndRequests requests = open(target, proxy, key, handshake, timeout)) {
            return requests.failingClearly(() -> requests.e2e.send(method, target.toString(), proxy, body));
        }
    }

    /** Registers as an observer of the target, protected end to end; notifications arrive opened. */
    Observing observe(Consumer<ClientRequest.Builder> body, ObserveListener listener) {
        return failingClearly(() -> e2e.observe(target.toString(), proxy, body, listener));
    }

    private <T> T failingClearly(Supplier<T> action) {
        try {
            return action.get();
        } catch (E2eHandshakeException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "end-to-end handshake with " + target + ": " + e.getMessage());
        } catch (CoapClientException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "request to " + target + " failed: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "cannot open a UDP socket: " + e.getCause().getMessage());
        }
    }

    @Override
    public void close() {
        client.close();
        endpoint.close();
    }

    private static DtlsConfig handshakeConfig(EndToEndKey key) {
        return DtlsConfig.builder().pskStore(InMemoryPskStore.builder().add(key.identity(), key.key()).build())
                .connectionIds(ConnectionIdPolicy.DISABLED).build();
    }

    /** A fresh SA derived from the key and the nonce in its new identifier (the origin derives the same). */
    private static byte[] derived(EndToEndKey key, E2eAssociations associations) {
        byte[] saId = E2eKeys.freshSaId(new SecureRandom());
        associations.install(saId, E2eKeys.fromPsk(key.key(), Arrays.copyOfRange(saId, 1, saId.length), saId,
                E2eKeys.Role.CLIENT), LIFETIME, "origin");
        return saId;
    }

    private static String authority(CoapUri uri) {
        String host = uri.host().contains(":") && !uri.host().startsWith("[") ? "[" + uri.host() + "]" : uri.host();
        return host + ":" + uri.port();
    }
}
