package io.coaps4j.coap.exchange;

import io.coaps4j.coap.peer.Peer;

/**
 * What a {@link CoapEngine} produces besides responses to its own requests. Called synchronously
 * from inside the engine's methods, on the engine's thread.
 */
public interface EngineOutput {

    /** Send {@code datagram} to exactly this {@code peer} object (its security context included). */
    void send(Peer peer, byte[] datagram);

    /**
     * A new request arrived (never a duplicate). Answer it with {@link CoapEngine#respond}, now or
     * later; answering within this call yields a piggybacked response.
     */
    void requestReceived(ServerExchange exchange);

    /**
     * The response to {@code exchange} encoded to {@code size} bytes, more than the transport's
     * {@code limit} ({@link EngineConfig#maxMessageSize}); the client got a 5.00 saying so instead.
     * For the operator's log (rate-limited): nothing was dropped silently.
     */
    default void responseTooLarge(ServerExchange exchange, int size, int limit) {
    }
}
