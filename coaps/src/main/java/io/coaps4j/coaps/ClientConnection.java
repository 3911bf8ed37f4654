package io.coaps4j.coaps;

import io.coaps4j.coap.peer.Peer;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsOutput;
import io.coaps4j.dtls.engine.DtlsResult;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A connection this node opened as DTLS client, and the resolves waiting for its handshake. Event-loop thread only. */
final class ClientConnection {
    final InetSocketAddress address;
    final DtlsConnection connection;
    /** Where the connection's calls put their datagrams and events; set once by the connector. */
    DtlsOutput output;
    /** Set once the handshake completed. */
    SessionState session;
    /** The deadline its timer entry was made for. */
    long scheduled = DtlsResult.NO_DEADLINE;
    boolean removed;
    private List<CompletableFuture<Peer>> waiters;

    ClientConnection(InetSocketAddress address, DtlsConnection connection) {
        this.address = address;
        this.connection = connection;
    }

    void addWaiter(CompletableFuture<Peer> waiter) {
        if (waiters == null) {
            waiters = new ArrayList<>(2);
        } else {
            waiters.removeIf(CompletableFuture::isDone); // requests that gave up need not be remembered
        }
        waiters.add(waiter);
    }

    boolean hasWaiters() {
        return waiters != null && !waiters.isEmpty();
    }

    /** The waiters, handed over once; null when there are none. */
    List<CompletableFuture<Peer>> takeWaiters() {
        List<CompletableFuture<Peer>> taken = waiters;
        waiters = null;
        return taken;
    }
}
