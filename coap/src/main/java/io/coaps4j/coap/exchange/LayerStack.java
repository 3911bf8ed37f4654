package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Message;
import java.util.List;

/**
 * The ordered {@link MessageLayer}s of one engine and a {@link LayerContext} per layer, both made
 * once: running the stack allocates nothing, and an empty stack is one length check on the hot path.
 * Index 0 is nearest the application; {@code from} says where a message enters.
 */
final class LayerStack {
    private final MessageLayer[] layers;
    private final LayerContext[] contexts;

    LayerStack(List<MessageLayer> layers, ContextFactory contexts) {
        this.layers = layers.toArray(MessageLayer[]::new);
        this.contexts = new LayerContext[this.layers.length];
        for (int i = 0; i < this.layers.length; i++) {
            this.contexts[i] = contexts.contextOf(i);
        }
    }

    interface ContextFactory {
        LayerContext contextOf(int index);
    }

    boolean isEmpty() {
        return layers.length == 0;
    }

    /** Where an inbound message enters: the layer nearest the network. */
    int bottom() {
        return layers.length - 1;
    }

    /** Outbound through layers {@code from}..bottom; null when one absorbed it. */
    Message sendRequest(ClientExchange exchange, Message request, int from, long nowNanos) {
        Message message = request;
        for (int i = from; i < layers.length && message != null; i++) {
            message = layers[i].sendRequest(exchange, message, contexts[i], nowNanos);
        }
        return message;
    }

    Message sendResponse(ServerExchange exchange, Message response, int from, long nowNanos) {
        Message message = response;
        for (int i = from; i < layers.length && message != null; i++) {
            message = layers[i].sendResponse(exchange, message, contexts[i], nowNanos);
        }
        return message;
    }

    /** A notification outbound through every layer, first to last. */
    Message sendNotification(ServerExchange exchange, Message notification, long nowNanos) {
        Message message = notification;
        for (MessageLayer layer : layers) {
            message = java.util.Objects.requireNonNull(layer.sendNotification(exchange, message, nowNanos),
                    "a layer's notification");
        }
        return message;
    }

    /** Inbound through layers {@code from}..0; null when one absorbed it. */
    Message receiveResponse(ClientExchange exchange, Message response, int from, long nowNanos) {
        Message message = response;
        for (int i = from; i >= 0 && message != null; i--) {
            message = layers[i].receiveResponse(exchange, message, contexts[i], nowNanos);
        }
        return message;
    }

    Message receiveRequest(ServerExchange exchange, Message request, int from, long nowNanos) {
        Message message = request;
        for (int i = from; i >= 0 && message != null; i--) {
            message = layers[i].receiveRequest(exchange, message, contexts[i], nowNanos);
        }
        return message;
    }
}
