package io.coaps4j.coaps;

import io.coaps4j.coap.peer.Peer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The resolves of a {@link DtlsConnector} waiting for a session with an address: futures, so they live
 * in the I/O shell, not in the sans-IO binding, which only reports that a session was established or
 * that none is coming. Event-loop thread only.
 */
final class SessionWaiters {
    private final Map<InetSocketAddress, List<CompletableFuture<Peer>>> waiting = new HashMap<>();

    /** {@code result} waits for a session with {@code address}. */
    void add(InetSocketAddress address, CompletableFuture<Peer> result) {
        List<CompletableFuture<Peer>> waiters = waiting.computeIfAbsent(address, a -> new ArrayList<>(2));
        waiters.removeIf(CompletableFuture::isDone); // requests that gave up need not be remembered
        waiters.add(result);
    }

    /** A session with {@code peer.address()} is established: its waiters complete with {@code peer}. */
    void established(SecurePeer peer) {
        if (waiting.isEmpty()) {
            return;
        }
        List<CompletableFuture<Peer>> waiters = waiting.remove(peer.address());
        if (waiters != null) {
            for (CompletableFuture<Peer> waiter : waiters) {
                waiter.complete(peer);
            }
        }
    }

    /** No session with {@code address} is coming: its waiters fail with {@code failure}, built only if there are any. */
    void unreachable(InetSocketAddress address, Supplier<DtlsHandshakeException> failure) {
        if (waiting.isEmpty()) {
            return;
        }
        List<CompletableFuture<Peer>> waiters = waiting.remove(address);
        if (waiters != null) {
            failAll(waiters, failure.get());
        }
    }

    /** The connector closes: every waiter fails. */
    void closeAll() {
        for (Map.Entry<InetSocketAddress, List<CompletableFuture<Peer>>> entry : waiting.entrySet()) {
            failAll(entry.getValue(), HandshakeFailures.connectorClosed(entry.getKey()));
        }
        waiting.clear();
    }

    private static void failAll(List<CompletableFuture<Peer>> waiters, DtlsHandshakeException failure) {
        for (CompletableFuture<Peer> waiter : waiters) {
            waiter.completeExceptionally(failure);
        }
    }
}
