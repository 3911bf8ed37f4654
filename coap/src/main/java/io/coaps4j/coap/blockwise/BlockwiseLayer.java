package io.coaps4j.coap.blockwise;

import io.coaps4j.coap.exchange.ClientExchange;
import io.coaps4j.coap.exchange.LayerContext;
import io.coaps4j.coap.exchange.MessageLayer;
import io.coaps4j.coap.exchange.ServerExchange;
import io.coaps4j.coap.message.Message;
import java.util.Objects;

/**
 * Block-wise transfer (RFC 7959) with Request-Tag (RFC 9175 section 3) as a {@link MessageLayer},
 * transparent to both the client API and the server's resources: they send and receive whole
 * bodies, and no message leaves larger than {@link BlockwiseConfig#maxMessageSize}. Put it nearest
 * the network in the stack (last in the list). The endpoint adds one by default.
 *
 * <p>Client role: {@code ClientBlockwise}; server role: {@code ServerBlockwise}. One instance per
 * engine, used on the engine's thread only.
 */
public final class BlockwiseLayer implements MessageLayer {
    private final ClientBlockwise client;
    private final ServerBlockwise server;

    public BlockwiseLayer(BlockwiseConfig config) {
        Objects.requireNonNull(config, "config");
        this.client = new ClientBlockwise(config);
        this.server = new ServerBlockwise(config);
    }

    @Override
    public Message sendRequest(ClientExchange exchange, Message request, LayerContext context, long nowNanos) {
        client.lastNow = nowNanos;
        return client.sendRequest(exchange, request, context, nowNanos);
    }

    @Override
    public Message receiveResponse(ClientExchange exchange, Message response, LayerContext context, long nowNanos) {
        client.lastNow = nowNanos;
        return client.receiveResponse(exchange, response, context, nowNanos);
    }

    @Override
    public Message receiveRequest(ServerExchange exchange, Message request, LayerContext context, long nowNanos) {
        client.lastNow = nowNanos;
        return server.receiveRequest(exchange, request, context, nowNanos);
    }

    @Override
    public Message sendResponse(ServerExchange exchange, Message response, LayerContext context, long nowNanos) {
        client.lastNow = nowNanos;
        return server.sendResponse(exchange, response, nowNanos);
    }

    @Override
    public Message sendNotification(ServerExchange exchange, Message notification, long nowNanos) {
        client.lastNow = nowNanos;
        return server.sendNotification(exchange, notification, nowNanos);
    }

    /** Request bodies being reassembled (server role). */
    public int pendingReassemblies() {
        return server.pendingReassemblies();
    }

    /** Bytes held by request bodies being reassembled (server role). */
    public long reassemblyBytes() {
        return server.reassemblyBytes();
    }

    /** Sliced response bodies kept for the client's next blocks (server role). */
    public int keptResponses() {
        return server.keptResponses();
    }

    /** Unfinished transfers evicted to stay within {@link BlockwiseConfig#maxTransfers} and {@link BlockwiseConfig#maxBufferedBytes}. */
    public long evictions() {
        return server.evictions();
    }

    /** Transfers this node is sending or receiving as a client, with a block in flight. */
    public int clientTransfers() {
        return client.transfersInFlight();
    }
}
