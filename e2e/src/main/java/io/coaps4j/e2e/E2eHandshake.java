package io.coaps4j.e2e;

import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.client.CoapClientException;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsEvent;
import io.coaps4j.dtls.engine.DtlsMetrics;
import io.coaps4j.dtls.engine.DtlsResult;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The client end of a DTLS handshake carried over CoAP (CoDTLS; docs/E2E.md section 7): the dtls module's
 * sans-IO {@link DtlsConnection} sends its flights as POST payloads to the origin's
 * {@code /.well-known/e2e-hs} (directly or through a forward proxy, by Proxy-Uri) and reads the server's
 * from the responses. A flight whose exchange fails is sent again when the connection's own retransmission
 * timer says so (RFC 6347 section 4.2.4), so the handshake survives loss on either leg. On completion the
 * keys are taken out of the connection and installed as an end-to-end SA. Blocking; one handshake per call.
 */
public final class E2eHandshake {
    private final CoapClient client;
    private final DtlsConfig config;
    private final E2eAssociations associations;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param client       the CoAP client the flights travel through (its endpoint need not run the E2E layer)
     * @param config       the DTLS client configuration: PSK store (or certificate credentials) and retransmission,
     *                     connection IDs disabled ({@code IllegalArgumentException} otherwise)
     * @param associations where the agreed SA is installed
     * @param lifetime     how long the SA lives
     */
    public E2eHandshake(CoapClient client, DtlsConfig config, E2eAssociations associations, Duration lifetime) {
        this.client = Objects.requireNonNull(client, "client");
        this.config = HandshakeAddresses.withoutConnectionIds(Objects.requireNonNull(config, "config"));
        this.associations = Objects.requireNonNull(associations, "associations");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    }

    /**
     * Runs a handshake with the origin {@code originUri} (e.g. {@code coap://origin:5683}), through the forward
     * proxy {@code proxyUri} when present, and installs the SA; returns its new identifier.
     *
     * @throws E2eHandshakeException when the handshake fails or gives up (the DTLS retransmission policy)
     */
    public byte[] run(String originUri, Optional<String> proxyUri) {
        byte[] saId = new byte[HandshakeAddresses.SA_ID_LENGTH];
        random.nextBytes(saId);
        String target = stripSlash(originUri) + "/" + HandshakeResource.PATH + "?" + HandshakeAddresses.query(saId);
        DtlsConnection connection = DtlsConnection.client(config, CryptoContext.create(), new DtlsMetrics(),
                HandshakeAddresses.of(saId), Optional.empty());
        DtlsResult result = connection.start(System.nanoTime());
        while (true) {
            checkEvents(result);
            if (connection.isEstablished()) {
                String peer = connection.session().map(s -> s.peerPrincipal().getName()).orElse("unknown");
                associations.install(saId, connection.exportAssociation(), lifetime, peer);
                return saId;
            }
            if (!connection.isHandshaking()) {
                throw new E2eHandshakeException("the handshake over CoAP ended: " + connection.status());
            }
            byte[] flight = concatenated(result);
            byte[] answer = flight.length == 0 ? null : post(target, proxyUri, flight);
            if (answer != null && answer.length > 0) {
                result = connection.receive(answer, System.nanoTime());
            } else {
                result = waitForTimer(connection);
            }
        }
    }

    private byte[] post(String target, Optional<String> proxyUri, byte[] flight) {
        ClientRequest.Builder request = proxyUri.isPresent()
                ? ClientRequest.post(proxyUri.get()).option(Option.ofString(OptionNumber.PROXY_URI, target))
                : ClientRequest.post(target);
        try {
            CoapResponse response = client.send(request.contentFormat(E2eOptions.DTLS_RECORDS_CONTENT_FORMAT)
                    .payload(flight).build());
            return response.code().equals(Code.CHANGED) ? response.payload() : null;
        } catch (CoapClientException lost) {
            return null; // the flight or its answer was lost on the way: the DTLS timer sends it again
        }
    }

    /** Waits for the connection's retransmission deadline and returns what it sends then. */
    private static DtlsResult waitForTimer(DtlsConnection connection) {
        long deadline = connection.nextDeadline();
        if (deadline == DtlsResult.NO_DEADLINE) {
            throw new E2eHandshakeException("the handshake over CoAP stalled: no flight to send and no timer");
        }
        long wait;
        while ((wait = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        return connection.onTimer(System.nanoTime());
    }

    private static void checkEvents(DtlsResult result) {
        for (DtlsEvent event : result.events()) {
            if (event instanceof DtlsEvent.Failed failed) {
                throw new E2eHandshakeException("the handshake over CoAP failed: " + failed.detail());
            }
        }
    }

    private static byte[] concatenated(DtlsResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result.datagrams().forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static String stripSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
}
