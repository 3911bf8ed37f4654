package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Message;

/**
 * One layer of the per-message stack between the exchange layer (tokens, listeners, handlers) and
 * the message layer (types, message IDs, retransmission, deduplication): where block-wise transfer
 * (RFC 7959) and end-to-end protection plug in, as in the layer stacks of Californium and aiocoap.
 *
 * <p>A layer sees requests and responses as the exchange layer does: code, options and payload
 * (type, message ID and token belong to the message layer below and are ignored in what a layer
 * returns). Each method returns the message to pass on, the same or transformed, or {@code null}
 * to absorb it; an absorbing layer answers or continues through its {@link LayerContext}, which
 * also lets it emit messages of its own. Layers run on the engine's thread, in the order given to
 * the engine: the first is nearest the application, so outbound messages pass the layers first to
 * last and inbound ones last to first.
 *
 * <p>Every method has a pass-through default, so a layer overrides only what it handles. Empty
 * (CoAP ping) messages, ACKs and RSTs never reach the layers: they are the message layer's.
 */
public interface MessageLayer {

    /** A request this node sends in {@code exchange}; {@code null} absorbs it (the layer may answer with {@link LayerContext#deliverResponse}). */
    default Message sendRequest(ClientExchange exchange, Message request, LayerContext context, long nowNanos) {
        return request;
    }

    /**
     * A response received for {@code exchange} (piggybacked or separate, already acknowledged);
     * {@code null} absorbs it: the exchange stays open for the response the layer delivers later.
     */
    default Message receiveResponse(ClientExchange exchange, Message response, LayerContext context, long nowNanos) {
        return response;
    }

    /**
     * A new request received in {@code exchange} (never a duplicate); {@code null} absorbs it, and the
     * layer answers with {@link LayerContext#respond} (now, or later as a separate response).
     */
    default Message receiveRequest(ServerExchange exchange, Message request, LayerContext context, long nowNanos) {
        return request;
    }

    /** A response this node sends in {@code exchange}; {@code null} absorbs it (the layer responds later through its context). */
    default Message sendResponse(ServerExchange exchange, Message response, LayerContext context, long nowNanos) {
        return response;
    }

    /**
     * A notification (RFC 7641) this node sends to the observer registered by {@code exchange}, its
     * Observe number already set; returns the message to send in its place (e.g. its first Block2
     * block, RFC 7959 section 2.3), never null: the observation layer owns its transmission.
     */
    default Message sendNotification(ServerExchange exchange, Message notification, long nowNanos) {
        return notification;
    }
}
