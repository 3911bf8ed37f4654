package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.flight.FlightWriter;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.server.ServerHandshake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import io.coaps4j.dtls.crypto.ConnectionEnd;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * What the connections of one event loop share: configuration, crypto objects, counters, the flight
 * writer, and the {@link InboundRecords} through which the record layer hands records to the
 * connection being called. Sharing these keeps each idle connection to its own state (DESIGN.md "Memory per session").
 * Not thread-safe, like the loop's {@link CryptoContext}.
 */
final class EngineContext {
    private static final Logger LOG = LoggerFactory.getLogger(EngineContext.class);
    /** The side the connections of this context play: a server's share one context, a client has its own. */
    final ConnectionEnd role;
    final DtlsConfig config;
    final CryptoContext crypto;
    final DtlsMetrics metrics;
    final FlightWriter writer;
    /** The crypto jobs of this loop handed out and not yet resumed. */
    final CryptoJobs cryptoJobs;
    /**
     * The first state of a server handshake, by the ClientHello's message_seq. Tests in this package replace it
     * to drive a state that waits for offloaded crypto through the real connection machinery.
     */
    IntFunction<HandshakeState> serverStart = ServerHandshake::start;
    /** Server: the sessions of full handshakes, by session id, that a ClientHello may resume. */
    final SessionCache<SessionId> serverSessions;
    /** Client: the endpoint's sessions per server, or null for none. */
    ClientSessionCache clientSessions;
    /** The time of the connection call in progress, kept here so that idle connections need not keep it. */
    long callTime;
    /** The source address of the datagram of the connection call in progress, or null; kept here likewise. */
    InetSocketAddress callFrom;
    /**
     * The connection whose peer address a call changed (RFC 9146 section 6) and the address it left, until the
     * server has moved it in its table ({@link ConnectionMoves#takeMovedFrom}); null otherwise.
     */
    DtlsConnection moved;
    InetSocketAddress movedFrom;
    private final InboundRecords inbound;

    EngineContext(ConnectionEnd role, DtlsConfig config, CryptoContext crypto, DtlsMetrics metrics) {
        this.role = Objects.requireNonNull(role, "role");
        this.config = Objects.requireNonNull(config, "config");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.writer = new FlightWriter(config.maxDatagramSize());
        this.cryptoJobs = new CryptoJobs(config.maxOffloadedCryptoJobs());
        this.inbound = new InboundRecords(crypto, metrics);
        this.serverSessions = new SessionCache<>(config.sessionCacheSize(), config.sessionLifetime());
        config.insecureKeyLog().ifPresent(keyLog -> LOG.warn("INSECURE: the DTLS key log is on; the secrets of every"
                + " session are written to {}, with which anyone can decrypt the traffic. For debugging only.", keyLog));
    }

    /** The rules every record a connection receives goes through. */
    InboundRecords inbound() {
        return inbound;
    }
}
