package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.peer.Peer;

/**
 * What one {@link MessageLayer} may do besides passing messages on: send toward the network through
 * the layers below it, or deliver toward the application through the layers above it. One context
 * per layer, made with the engine; call it on the engine's thread only.
 */
public interface LayerContext {

    /** Answers {@code exchange} with {@code response} through the layers below this one (final response). */
    void respond(ServerExchange exchange, Message response, long nowNanos);

    /** Hands {@code response} to {@code exchange}'s listener through the layers above this one. */
    void deliverResponse(ClientExchange exchange, Message response, long nowNanos);

    /**
     * Sends a request of the layer's own (e.g. the next block) through the layers below this one, as
     * {@link CoapEngine#request} does.
     */
    ClientExchange request(Peer peer, Message request, long timeoutNanos, ResponseListener listener, long nowNanos);

    /** Ends {@code exchange} without a response: its listener hears {@code failure} (e.g. a block-wise transfer that failed). */
    void fail(ClientExchange exchange, ExchangeFailure failure, long nowNanos);
}
