package io.coaps4j.dtls.config;

import java.util.Optional;

/**
 * Where a server's ticket keys come from (RFC 5077 section 5.5 recommends changing them regularly): the current
 * key seals new tickets, the current and previous ones open tickets. Implement it to share keys between servers
 * (a cluster, a restart); {@link RotatingTicketKeys} makes random keys in this process. Implementations are called
 * from every event loop and must be thread-safe.
 */
public interface TicketKeySource {
    /** The key to seal a ticket with at {@code nowMillis} (wall clock, epoch milliseconds). */
    TicketKey current(long nowMillis);

    /** The key named {@code name} that may still open tickets at {@code nowMillis}; empty for a retired or unknown one. */
    Optional<TicketKey> find(byte[] name, long nowMillis);
}
