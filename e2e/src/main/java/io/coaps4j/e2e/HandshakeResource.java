package io.coaps4j.e2e;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.server.CoapRequest;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsEvent;
import io.coaps4j.dtls.engine.DtlsMetrics;
import io.coaps4j.dtls.engine.DtlsOutput;
import io.coaps4j.dtls.engine.DtlsServer;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The server end of a DTLS handshake carried over CoAP (CoDTLS, draft-schmertmann-dice-codtls-01; docs/E2E.md
 * section 7): {@code POST /.well-known/e2e-hs?sa=<id>} with the client's records (Content-Format 65000) is
 * fed to the dtls module's sans-IO {@link DtlsServer} under the handshake's own address, and the server's
 * records come back in the 2.04. When the handshake completes, its keys are taken out of the connection
 * ({@link DtlsConnection#exportAssociation}) and installed in the {@link E2eAssociations} as SA {@code id}:
 * an end-to-end SA, never a hop-by-hop connection. A duplicate of the client's flight makes the engine send
 * its last flight again (RFC 6347 section 4.2.4), which is all the retransmission a server needs here.
 *
 * <p>Handlers are serialised (the DTLS engine is single-threaded), so a server may run it on a pool. The
 * engine's own timers are not driven: its state ends with the session table's bounds, and a lost server
 * flight is repeated when the client's flight comes again.
 */
public final class HandshakeResource {
    /** The well-known path of the handshake resource. */
    public static final String PATH = ".well-known/e2e-hs";

    private final DtlsServer server;
    private final E2eAssociations associations;
    private final Duration lifetime;

    private HandshakeResource(DtlsConfig config, E2eAssociations associations, Duration lifetime) {
        this.server = new DtlsServer(HandshakeAddresses.withoutConnectionIds(Objects.requireNonNull(config, "config")),
                CryptoContext.create(),
                new DtlsMetrics(), System.nanoTime());
        this.associations = Objects.requireNonNull(associations, "associations");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    }

    /**
     * The resource at {@link #PATH}: handshakes under {@code config} (its PSK store or certificate
     * credentials; connection IDs disabled), SAs installed into {@code associations} for {@code lifetime}.
     *
     * @throws IllegalArgumentException when {@code config} enables connection IDs
     */
    public static Resource resource(DtlsConfig config, E2eAssociations associations, Duration lifetime) {
        HandshakeResource handshakes = new HandshakeResource(config, associations, lifetime);
        return Resource.builder(PATH).post(handshakes::handle).build();
    }

    /** Synchronized: a server may run handlers on a pool, and the DTLS engine is single-threaded. */
    private synchronized CoapResponse handle(CoapRequest request) {
        Optional<byte[]> saId = request.query().stream().map(HandshakeAddresses::parseQuery)
                .flatMap(Optional::stream).findFirst();
        if (saId.isEmpty() || request.payload().length == 0) {
            return CoapResponse.builder(Code.BAD_REQUEST).payload("e2e-hs: needs ?sa=<10 hex digits> and records")
                    .build();
        }
        InetSocketAddress address = HandshakeAddresses.of(saId.get());
        Flight flight = new Flight(address);
        byte[] records = request.payload();
        server.receive(address, records, 0, records.length, System.nanoTime(), flight);
        if (flight.completed != null) {
            associations.install(saId.get(), flight.completed.exportAssociation(), lifetime,
                    flight.completed.session().map(s -> s.peerPrincipal().getName()).orElse("unknown"));
        }
        return CoapResponse.builder(Code.CHANGED).contentFormat(E2eOptions.DTLS_RECORDS_CONTENT_FORMAT)
                .payload(flight.records.toByteArray()).build();
    }

    /** The server's records for this handshake, concatenated (records are self-delimiting), and its completion. */
    private static final class Flight implements DtlsOutput {
        private final InetSocketAddress address;
        private final ByteArrayOutputStream records = new ByteArrayOutputStream();
        private DtlsConnection completed;

        Flight(InetSocketAddress address) {
            this.address = address;
        }

        @Override
        public void datagram(InetSocketAddress to, byte[] datagram) {
            if (to.equals(address)) {
                records.writeBytes(datagram);
            }
        }

        @Override
        public void event(DtlsConnection connection, DtlsEvent event) {
            if (event instanceof DtlsEvent.HandshakeCompleted && connection.peer().equals(address)) {
                completed = connection;
            }
        }
    }
}
