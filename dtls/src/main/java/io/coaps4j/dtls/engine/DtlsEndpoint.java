package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.crypto.CryptoContext;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * DTLS on one socket in both roles, without I/O: the one place that knows the socket's connections.
 * A {@link DtlsServer} admits the nodes that contact this one (unless handshakes from others are
 * refused, for a client-only node); client connections reach the nodes this one contacts. Each
 * connection is a handle ({@link DtlsConnection}): data is sent to a handle, events name one, and the
 * application hangs what it keeps per connection on {@link DtlsConnection#attach}.
 *
 * <p>Routing: a datagram from an address with a client connection goes to it; anything else, and any
 * ClientHello (a server never sends one), to the server role; a counting filter over the client
 * connections' addresses ({@link AddressFilter}) spares most server-role datagrams the client-table lookup,
 * so each costs one address lookup. One association per address pair: a
 * cookie-proven handshake a peer starts from the address of our client connection replaces that connection
 * at once (the peer lost it, RFC 6347 section 4.2.8; {@link DtlsEvent.CloseReason#REPLACED}, no alert), and
 * when our client handshake completes with an address the server role has a session with, that session is
 * closed with close_notify ({@link DtlsEvent.CloseReason#REPLACED}): the newest association wins.
 *
 * <p>At most {@code maxClientConnections} client connections: a new one closes the least recently used
 * established one ({@link DtlsEvent.CloseReason#EVICTED}); when all are still handshaking, none is started.
 *
 * <p>{@link ClientTable} keeps the client connections and their timers, {@link ClientCallOutput} notes what a
 * client call completed; the rules between the two roles are kept here.
 *
 * <p>Not thread-safe: one event loop owns it. Every call writes to a {@link DtlsOutput} and returns the
 * next deadline; an event is written during the call, so an application that calls the endpoint again
 * from an event must queue the event and handle it after the call returned.
 */
public final class DtlsEndpoint {
    private final DtlsConfig config;
    private final CryptoContext crypto;
    private final DtlsMetrics metrics;
    /** The sessions of our client connections, offered again when we reconnect (RFC 5246 section 7.3). */
    private final ClientSessionCache clientSessions;
    /** Null on a node that refuses handshakes started by others. */
    private final DtlsServer server;
    /** Our client connections, in the order of their last use, and their timers. */
    private final ClientTable clients;
    private final ClientCallOutput clientOutput = new ClientCallOutput();
    /** Set during a server call: where an admission that ends our client connection writes its event. */
    private DtlsOutput serverCallOutput;
    private long serverCallTime;
    private long refusedDatagrams;

    /**
     * An endpoint with {@code config}; {@code acceptHandshakes} false makes a client-only node (no
     * server role), {@code maxClientConnections} bounds the client role. {@code now} starts the clock.
     */
    public DtlsEndpoint(DtlsConfig config, CryptoContext crypto, DtlsMetrics metrics, boolean acceptHandshakes,
                        int maxClientConnections, long now) {
        this.config = Objects.requireNonNull(config, "config");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clientSessions = new ClientSessionCache(config);
        if (maxClientConnections < 1) {
            throw new IllegalArgumentException("maxClientConnections must be positive, was " + maxClientConnections);
        }
        this.clients = new ClientTable(maxClientConnections);
        this.server = acceptHandshakes ? new DtlsServer(config, crypto, metrics, now) : null;
        if (server != null) {
            server.onAdmission(this::peerStartedHandshake);
        }
    }

    public DtlsMetrics metrics() {
        return metrics;
    }

    /** The server role, or null on a client-only node; for tests in this package. */
    DtlsServer server() {
        return server;
    }

    /** Processes one datagram from {@code from}; returns the next deadline. */
    public long receive(InetSocketAddress from, byte[] datagram, int offset, int length, long now, DtlsOutput out) {
        PeerSlot client = clients.slot(from);
        if (client != null && !ClientHelloPeek.startsWithClientHello(datagram, offset, length)) {
            clientOutput.begin(out);
            client.current.receive(datagram, offset, length, now, clientOutput);
            afterClientCall(client, now, out);
        } else if (server != null) {
            serverCallOutput = out;
            serverCallTime = now;
            server.receive(from, datagram, offset, length, now, out);
            serverCallOutput = null;
        } else {
            refusedDatagrams++; // a client-only node has no server role
        }
        return nextDeadline();
    }

    /**
     * The established connection with {@code peer} in either role (ours as client first), or null: what a
     * request to that address is sent in.
     */
    public DtlsConnection established(InetSocketAddress peer) {
        PeerSlot client = clients.slot(peer);
        if (client != null && client.current.isEstablished()) {
            return client.current;
        }
        return server == null ? null : server.established(peer);
    }

    /** Whether any connection with {@code peer} exists, established or handshaking, in either role. */
    public boolean connects(InetSocketAddress peer) {
        return clients.slot(peer) != null || (server != null && server.serves(peer));
    }

    /** Our client connection with {@code peer}, established or handshaking, or null. */
    public DtlsConnection clientConnection(InetSocketAddress peer) {
        PeerSlot client = clients.slot(peer);
        return client == null ? null : client.current;
    }

    /**
     * Starts a client handshake with {@code peer}, named {@code serverName} when it was addressed by a DNS
     * name (server_name, RFC 6066), and returns its handle; its events follow through {@code out}.
     *
     * @throws IllegalArgumentException when no credentials are configured for this server, or the name is an
     *                                  address literal
     * @throws IllegalStateException    when a client connection with {@code peer} exists, or all
     *                                  {@code maxClientConnections} are still handshaking
     */
    public DtlsConnection connect(InetSocketAddress peer, Optional<String> serverName, long now, DtlsOutput out) {
        Objects.requireNonNull(peer, "peer");
        if (clients.contains(peer)) {
            throw new IllegalStateException("a client connection with " + peer + " exists already");
        }
        DtlsConnection connection = DtlsConnection.client(config, crypto, metrics, peer, serverName, clientSessions, now);
        if (clients.full() && !evictLeastRecentlyUsedClient(now, out)) {
            throw new IllegalStateException("all " + clients.maxConnections()
                    + " client connections (maxClientConnections) are still handshaking");
        }
        PeerSlot slot = clients.add(peer, connection);
        clientOutput.begin(out);
        connection.start(now, clientOutput);
        afterClientCall(slot, now, out);
        return connection;
    }

    /**
     * Sends application data in {@code connection}, established, without a lookup; returns the next deadline.
     *
     * @throws IllegalStateException    when the connection is not an established connection of this endpoint
     * @throws IllegalArgumentException when the data exceeds a record's 2^14 bytes
     */
    public long send(DtlsConnection connection, byte[] data, int offset, int length, long now, DtlsOutput out) {
        if (connection.role() == io.coaps4j.dtls.crypto.ConnectionEnd.SERVER) {
            if (server == null) {
                throw new IllegalStateException("not a connection of this endpoint: " + connection);
            }
            return server.send(connection, data, offset, length, now, out);
        }
        PeerSlot slot = connection.slot;
        if (slot == null || slot.removed) {
            throw new IllegalStateException("not a current connection of this endpoint: " + connection);
        }
        clientOutput.begin(out);
        connection.send(data, offset, length, now, clientOutput);
        afterClientCall(slot, now, out);
        return nextDeadline();
    }

    /**
     * Sends a HeartbeatRequest (RFC 6520) in {@code connection}, established, whose peer allows it
     * ({@link DtlsConnection#canSendHeartbeat()}) and which has none in flight; its retransmissions run on this
     * endpoint's timer. The answer comes as {@link DtlsEvent.HeartbeatAnswered}, a dead peer as
     * {@link DtlsEvent.Closed} with {@link DtlsEvent.CloseReason#HEARTBEAT_TIMEOUT}. Returns the next deadline.
     *
     * @throws IllegalStateException when the connection is not a current one of this endpoint, or cannot send a
     *                               heartbeat now
     */
    public long sendHeartbeat(DtlsConnection connection, long now, DtlsOutput out) {
        if (connection.role() == io.coaps4j.dtls.crypto.ConnectionEnd.SERVER) {
            if (server == null) {
                throw new IllegalStateException("not a connection of this endpoint: " + connection);
            }
            return server.sendHeartbeat(connection, now, out);
        }
        PeerSlot slot = connection.slot;
        if (slot == null || slot.removed) {
            throw new IllegalStateException("not a current connection of this endpoint: " + connection);
        }
        clientOutput.begin(out);
        connection.sendHeartbeat(now, clientOutput);
        afterClientCall(slot, now, out);
        return nextDeadline();
    }

    /**
     * Applies the result of {@code job}, an offloaded crypto operation ({@link DtlsOutput#offload}) that has run,
     * on this endpoint's loop; returns the next deadline. A server-role job goes to the server, a client-role one
     * to its connection and then through the client bookkeeping (table, timer, the one-association rule). The
     * result is dropped when its connection has closed or been replaced meanwhile.
     *
     * @throws IllegalArgumentException when the job has not run, or is not of a connection of this endpoint
     */
    public long resume(CryptoJob job, long now, DtlsOutput out) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(out, "out");
        if (!job.isDone()) {
            throw new IllegalArgumentException("the crypto job has not run; call run() before resuming it");
        }
        DtlsConnection connection = job.connection();
        if (connection.role() == io.coaps4j.dtls.crypto.ConnectionEnd.SERVER) {
            if (server == null) {
                throw new IllegalArgumentException("not a crypto job of this endpoint: " + job);
            }
            server.resume(job, now, out);
            return nextDeadline();
        }
        PeerSlot slot = connection.slot;
        if (slot == null) {
            throw new IllegalArgumentException("not a crypto job of this endpoint: " + job);
        }
        if (slot.removed) {
            job.release(); // its connection is gone: the result is dropped
            return nextDeadline();
        }
        clientOutput.begin(out);
        connection.resume(job, now, clientOutput);
        afterClientCall(slot, now, out);
        return nextDeadline();
    }

    /** Closes {@code connection} with close_notify (RFC 5246 section 7.2.1) if it is still open; returns the next deadline. */
    public long close(DtlsConnection connection, long now, DtlsOutput out) {
        return close(connection, DtlsEvent.CloseReason.LOCAL_CLOSE, now, out);
    }

    private long close(DtlsConnection connection, DtlsEvent.CloseReason reason, long now, DtlsOutput out) {
        if (connection.role() == io.coaps4j.dtls.crypto.ConnectionEnd.SERVER) {
            if (server != null) {
                server.close(connection, reason, now, out);
            }
            return nextDeadline();
        }
        PeerSlot slot = connection.slot;
        if (slot != null && !slot.removed) {
            clientOutput.begin(out);
            connection.close(reason, now, clientOutput);
            afterClientCall(slot, now, out);
        }
        return nextDeadline();
    }

    /** Closes every connection of both roles with close_notify; returns the next deadline. */
    public long closeAll(long now, DtlsOutput out) {
        for (PeerSlot client : clients.snapshot()) {
            close(client.current, now, out);
        }
        if (server != null) {
            List<DtlsConnection> open = new ArrayList<>();
            server.forEachEstablished(open::add);
            for (DtlsConnection connection : open) {
                close(connection, now, out);
            }
        }
        return nextDeadline();
    }

    /** Runs what is due at {@code now} in both roles: retransmissions, released flights, idle sessions. */
    public long onTimer(long now, DtlsOutput out) {
        if (server != null) {
            server.onTimer(now, out);
        }
        PeerSlot due;
        while ((due = clients.pollDue(now)) != null) {
            clientOutput.begin(out);
            due.current.onTimer(now, clientOutput);
            afterClientCall(due, now, out);
        }
        return nextDeadline();
    }

    /** When {@link #onTimer} is next due, or {@link DtlsResult#NO_DEADLINE}. */
    public long nextDeadline() {
        long next = clients.nextDeadline();
        return server == null ? next : Math.min(next, server.nextDeadline());
    }

    /** Calls {@code action} with each established connection of both roles; do not open or close any meanwhile. */
    public void forEachEstablished(Consumer<DtlsConnection> action) {
        if (server != null) {
            server.forEachEstablished(action);
        }
        clients.forEachEstablished(action);
    }

    /**
     * The server role's established sessions sealed under {@code sealingKey}, for a graceful restart
     * ({@link DtlsServer#exportSessions}); an empty export without the server role.
     */
    public byte[] exportSessions(byte[] sealingKey) {
        return server == null ? SessionExport.seal(java.util.List.of(), sealingKey).bytes()
                : server.exportSessions(sealingKey);
    }

    /**
     * Takes the sessions of {@code export} into the server role ({@link DtlsServer#importSessions}); each is announced
     * to {@code out} with {@link DtlsEvent.HandshakeCompleted}.
     *
     * @throws IllegalStateException  without the server role
     * @throws SessionImportException when the export cannot be imported; nothing is taken
     */
    public int importSessions(byte[] export, byte[] sealingKey, long now, DtlsOutput out)
            throws SessionImportException {
        if (server == null) {
            throw new IllegalStateException("only an endpoint that accepts handshakes can import sessions");
        }
        return server.importSessions(export, sealingKey, now, out);
    }

    /** Established sessions of the server role. */
    public int serverSessions() {
        return server == null ? 0 : server.sessionCount();
    }

    /** Client connections, established or handshaking. */
    public int clientConnections() {
        return clients.size();
    }

    /** Established client connections (counted, not kept: for metrics snapshots). */
    public int clientSessions() {
        return clients.established();
    }

    /** Datagrams dropped because no client connection took them and this node has no server role. */
    public long refusedDatagrams() {
        return refusedDatagrams;
    }

    /**
     * The server admitted a cookie-proven handshake from {@code connection.peer()}: a peer we reach as client
     * starts a new association from its address (RFC 6347 section 4.2.8), so ours as client is over.
     */
    private void peerStartedHandshake(DtlsConnection admitted) {
        PeerSlot client = clients.slot(admitted.peer());
        if (client != null) {
            clientOutput.begin(serverCallOutput);
            client.current.replaced(serverCallTime, clientOutput);
            afterClientCall(client, serverCallTime, serverCallOutput);
        }
    }

    /** After every call into a client connection: the table, its timer, and the one-association rule. */
    private void afterClientCall(PeerSlot slot, long now, DtlsOutput out) {
        clients.settle(slot);
        DtlsConnection completed = clientOutput.takeCompleted();
        if (completed != null && server != null) {
            DtlsConnection served = server.established(completed.peer());
            if (served != null) {
                server.close(served, DtlsEvent.CloseReason.REPLACED, now, out);
            }
        }
    }

    /** Closes the least recently used established client connection; false when all are handshaking. */
    private boolean evictLeastRecentlyUsedClient(long now, DtlsOutput out) {
        DtlsConnection leastRecentlyUsed = clients.leastRecentlyUsedEstablished();
        if (leastRecentlyUsed == null) {
            return false;
        }
        close(leastRecentlyUsed, DtlsEvent.CloseReason.EVICTED, now, out);
        return true;
    }
}
