package io.coaps4j.e2e;

import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.client.ObserveListener;
import io.coaps4j.coap.client.Observing;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Protected requests to one origin, directly or through a forward proxy, with the SA that key management
 * gives: {@code keyManagement} is asked for an SA identifier when there is none yet and again when the origin
 * answers 4.01 "e2e: no security association" (it lost or expired the SA): then the request is sent once more
 * under the new SA (docs/E2E.md section 6). Not thread-safe.
 */
public final class E2eClient {
    private final CoapClient client;
    private final E2eAssociations associations;
    private final Supplier<byte[]> keyManagement;
    private byte[] saId;

    /**
     * @param client        a client whose endpoint runs {@link E2eLayer} over {@code associations}
     * @param keyManagement installs an SA in {@code associations} and returns its identifier (e.g. a
     *                      handshake over CoAP, {@code () -> handshake.run(origin, proxy)})
     */
    public E2eClient(CoapClient client, E2eAssociations associations, Supplier<byte[]> keyManagement) {
        this.client = Objects.requireNonNull(client, "client");
        this.associations = Objects.requireNonNull(associations, "associations");
        this.keyManagement = Objects.requireNonNull(keyManagement, "keyManagement");
    }

    /**
     * Sends {@code method} to {@code originUri} (through the forward proxy {@code proxyUri} when present, by
     * Proxy-Uri), protected end to end; {@code body} adds payload and options.
     */
    public CoapResponse send(Code method, String originUri, Optional<String> proxyUri, Consumer<ClientRequest.Builder> body) {
        if (saId == null || !associations.contains(saId)) {
            saId = keyManagement.get();
        }
        CoapResponse response = client.send(request(method, originUri, proxyUri, body));
        if (refusedForNoAssociation(response)) {
            associations.remove(saId);
            saId = keyManagement.get();
            response = client.send(request(method, originUri, proxyUri, body));
        }
        return response;
    }

    /**
     * Observes {@code originUri} (RFC 7641) protected end to end: the registration is sealed with the SA (set up
     * first when there is none) and every notification arrives sealed under it (docs/E2E.md); {@code listener}
     * hears them as {@link CoapClient#observe} delivers them. An origin that has lost the SA ends the observation
     * with the distinct 4.01; observe again to run key management anew.
     */
    public Observing observe(String originUri, Optional<String> proxyUri, Consumer<ClientRequest.Builder> body,
                             ObserveListener listener) {
        if (saId == null || !associations.contains(saId)) {
            saId = keyManagement.get();
        }
        return client.observe(request(Code.GET, originUri, proxyUri, body), listener);
    }

    /** The identifier of the SA in use, if any. */
    public Optional<byte[]> saId() {
        return Optional.ofNullable(saId).map(byte[]::clone);
    }

    private ClientRequest request(Code method, String originUri, Optional<String> proxyUri,
                                  Consumer<ClientRequest.Builder> body) {
        ClientRequest.Builder request = proxyUri.isPresent()
                ? ClientRequest.method(method, proxyUri.get()).option(Option.ofString(OptionNumber.PROXY_URI, originUri))
                : ClientRequest.method(method, originUri);
        body.accept(request);
        return request.option(E2eOptions.protectWith(saId)).build();
    }

    static boolean refusedForNoAssociation(CoapResponse response) {
        return !E2eLayer.isProtected(response) && response.code().equals(Code.UNAUTHORIZED)
                && E2eDiagnostics.NO_ASSOCIATION.equals(response.payloadAsString());
    }
}
