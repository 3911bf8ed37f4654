package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.handshake.EstablishedSession;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A read-only view of an established connection's security association: which session and epoch
 * protect its records and whom they authenticate. The CoAP binding tags every inbound message with
 * it and matches responses only within the same session and epoch (oneM2M TS-0008 clause 7).
 * Each completed handshake yields a new instance, and instances are equal only to themselves, so
 * two sessions never compare equal even if a server reused a session id.
 */
public final class DtlsSession {
    private final EstablishedSession established;
    private final DtlsConnection connection;
    private final int epoch;

    DtlsSession(EstablishedSession established, DtlsConnection connection, int epoch) {
        this.established = Objects.requireNonNull(established, "established");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.epoch = epoch;
    }

    /** The connection (handle) this session belongs to: where data in this session is sent. */
    public DtlsConnection connection() {
        return connection;
    }

    /** The session id the server assigned (may be empty if the server assigns none). */
    /** Whether an abbreviated handshake resumed this session (RFC 5246 section 7.3). */
    public boolean resumed() {
        return established.resumed();
    }

    public byte[] sessionId() {
        return established.sessionId();
    }

    /** The epoch whose keys protect the application data of this session. */
    public int epoch() {
        return epoch;
    }

    /** Who the peer proved to be: a {@link io.coaps4j.dtls.credentials.PskPrincipal} for PSK suites. */
    public Principal peerPrincipal() {
        return established.peer();
    }

    public CipherSuite cipherSuite() {
        return established.cipherSuite();
    }

    /** Whether the keys come from the extended master secret (RFC 7627). */
    public boolean extendedMasterSecret() {
        return established.extendedMasterSecret();
    }

    /** The server name the client asked for (RFC 6066), if any. */
    public Optional<String> serverName() {
        return established.serverName();
    }

    /** The peer's current address: its connection's, which only the engine's rules change. */
    public InetSocketAddress peerAddress() {
        return connection.peer();
    }

    /**
     * The connection ID the peer puts in the records it sends here, this side's (RFC 9146); empty when none was
     * negotiated for that direction. Read from the session's keys, so it costs an idle session nothing.
     */
    public Optional<byte[]> connectionId() {
        return connection.recordLayer().readAssociation().readConnectionId();
    }

    /** The peer's connection ID, which this side puts in the records it sends; empty when none. */
    public Optional<byte[]> peerConnectionId() {
        return connection.recordLayer().readAssociation().writeConnectionId();
    }

    @Override
    public String toString() {
        return "DtlsSession[" + HexFormat.of().formatHex(established.sessionId()) + ", epoch " + epoch + ", "
                + established.peer().getName() + "@" + connection.peer() + "]";
    }
}
