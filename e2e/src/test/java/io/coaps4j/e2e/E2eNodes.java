package io.coaps4j.e2e;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.endpoint.CoapEndpoint;
import io.coaps4j.coap.endpoint.Connector;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.messaging.TransmissionParameters;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.dtls.config.ConnectionIdPolicy;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.flight.RetransmissionPolicy;
import io.coaps4j.dtls.record.SecurityAssociation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** An origin server and a client with end-to-end layers over plain UDP, and the SAs of the tests. */
final class E2eNodes implements AutoCloseable {
    static final byte[] SA = {0x5a, 0x01};
    static final byte[] OTHER_SA = {0x5a, 0x02};
    /** Short CoAP timers, so the tests over loss finish quickly. */
    static final EngineConfig CONFIG = EngineConfig.builder()
            .transmission(TransmissionParameters.builder().ackTimeout(Duration.ofMillis(200)).build())
            .recognizedOptions(E2eOptions.withE2e(EngineConfig.DEFAULT_OPTIONS)).build();
    static final byte[] HANDSHAKE_KEY = "handshake psk 16".getBytes();
    /** The DTLS configuration of both ends of the handshake over CoAP: PSK "client-hs", quick retransmission. */
    static DtlsConfig handshakeConfig() {
        return DtlsConfig.builder().pskStore(InMemoryPskStore.builder().add("client-hs", HANDSHAKE_KEY).build())
                .retransmission(RetransmissionPolicy.ofMillis(300, 3_000, 12, 60_000))
                .connectionIds(ConnectionIdPolicy.DISABLED).build();
    }

    final E2eAssociations serverSas = new E2eAssociations();
    final E2eAssociations clientSas = new E2eAssociations();
    final E2eLayer serverLayer = new E2eLayer(serverSas);
    /** The reading of the observable /sensor (NON notifications); change it, then {@code sensor.changed()}. */
    final AtomicInteger reading = new AtomicInteger(20);
    final Resource sensor;
    final CoapServer server;
    final CoapEndpoint clientEndpoint;
    final CoapClient client;

    E2eNodes() throws IOException {
        this(Optional.empty());
    }

    /** The same, the origin also listening on {@code originDtls} (e.g. a coaps:// listener for a proxy's leg). */
    E2eNodes(Optional<Connector> originDtls) throws IOException {
        install(SA, "psk-client-1", "origin", new byte[] {1, 2, 3});
        install(OTHER_SA, "psk-client-2", "origin", new byte[] {4, 5, 6});
        sensor = Resource.builder("sensor").observable(MessageType.NON)
                .get(request -> CoapResponse.content(reading.get() + " C for "
                        + serverLayer.principal(request).map(E2ePrincipal::getName).orElse("anybody")))
                .build();
        CoapServer.Builder origin = CoapServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        originDtls.ifPresent(origin::connector);
        server = origin
                .config(CONFIG)
                .layers(List.of(serverLayer))
                .resource(Resource.builder("temp")
                        .get(request -> CoapResponse.content("22.5 C for "
                                + serverLayer.principal(request).map(E2ePrincipal::getName).orElse("anybody")
                                + (request.payload().length > 0 ? " " + request.payloadAsString() : "")))
                        .post(request -> CoapResponse.content("posted " + request.payloadAsString() + " by "
                                + serverLayer.principal(request).map(E2ePrincipal::getName).orElse("anybody")))
                        .build())
                .resource(sensor)
                .resource(HandshakeResource.resource(handshakeConfig(), serverSas, Duration.ofHours(1)))
                .build().start();
        clientEndpoint = CoapEndpoint.builder().config(CONFIG).layers(List.of(new E2eLayer(clientSas)))
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).name("e2e-client").start();
        client = CoapClient.builder().endpoint(clientEndpoint).timeout(Duration.ofSeconds(10)).build();
    }

    void install(byte[] saId, String clientName, String serverName, byte[] nonce) {
        byte[] psk = "e2e test key".getBytes();
        SecurityAssociation clientSide = E2eKeys.fromPsk(psk, nonce, saId, E2eKeys.Role.CLIENT);
        SecurityAssociation serverSide = E2eKeys.fromPsk(psk, nonce, saId, E2eKeys.Role.SERVER);
        clientSas.install(saId, clientSide, Duration.ofHours(1), serverName);
        serverSas.install(saId, serverSide, Duration.ofHours(1), clientName);
    }

    int serverPort() {
        return server.localAddress().getPort();
    }

    @Override
    public void close() {
        client.close();
        clientEndpoint.close();
        server.close();
    }
}
