package io.coaps4j.coap.endpoint;

import io.coaps4j.coap.exchange.CoapEngine;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.EngineOutput;
import io.coaps4j.coap.exchange.ExchangeFailure;
import io.coaps4j.coap.exchange.ResponseListener;
import io.coaps4j.coap.exchange.ServerExchange;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.peer.Peer;
import io.coaps4j.transport.DeadlineHandler;
import io.coaps4j.transport.EventLoop;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CoapEndpoint}'s engine wired to the world, all on the endpoint's loop: the engine's output
 * (datagrams to the connector, requests to the handler), the connector's sink (datagrams and lost peers
 * to the engine), the loop's deadlines, and the {@link Responder} handlers answer through. Kept out of
 * the endpoint so that its public, thread-safe API and this loop-side plumbing read apart.
 */
final class EndpointBridge implements EngineOutput, ConnectorSink, DeadlineHandler, Responder {
    /** The endpoint's logger: what is logged here is the endpoint's business. */
    private static final Logger LOG = LoggerFactory.getLogger(CoapEndpoint.class);

    private final CoapEndpoint endpoint;
    private final EventLoop loop;
    private final Connector connector;
    private final InboundRequestHandler handler;
    private final TypeCounts counts;
    private final RateLimitedLog oversized;

    EndpointBridge(CoapEndpoint endpoint, EventLoop loop, Connector connector, InboundRequestHandler handler,
                   TypeCounts counts, RateLimitedLog oversized) {
        this.endpoint = endpoint;
        this.loop = loop;
        this.connector = connector;
        this.handler = handler;
        this.counts = counts;
        this.oversized = oversized;
    }

    /** The endpoint's engine, which is made with this bridge as its output and so cannot be given to it. */
    private CoapEngine engine() {
        return endpoint.engine();
    }

    @Override
    public void send(Peer peer, byte[] datagram) {
        MessageTrace.log(true, peer.address(), datagram, 0, datagram.length);
        counts.sent(datagram, 0, datagram.length);
        connector.send(peer, datagram);
    }

    @Override
    public void requestReceived(ServerExchange exchange) {
        try {
            handler.onRequest(exchange, this);
        } catch (RuntimeException e) {
            LOG.error("request handler failed for {}", exchange, e);
            engine().respond(exchange, CoapResponse.of(Code.INTERNAL_SERVER_ERROR), loop.nanoTime());
        }
    }

    @Override
    public void respond(ServerExchange exchange, CoapResponse response) {
        endpoint.respond(exchange, response);
    }

    @Override
    public void respondObserved(ServerExchange exchange, CoapResponse first, MessageType notificationType,
                                ObservationSink sink) {
        endpoint.respondObserved(exchange, first, notificationType, sink);
    }

    @Override
    public void responseTooLarge(ServerExchange exchange, int size, int limit) {
        oversized.warn(loop.nanoTime(), "a response of {} bytes to {} {} from {} exceeds the transport's limit"
                + " of {} bytes; sent 5.00 instead", size, exchange.request().code(),
                exchange.request().uriPath(), exchange.peer(), limit);
    }

    @Override
    public void ping(Peer peer, Duration ackTimeout, int maxRetransmit, PingListener listener) {
        Objects.requireNonNull(listener, "listener");
        engine().keepAlivePing(peer, ackTimeout.toNanos(), maxRetransmit, new ResponseListener() {
            @Override
            public void onResponse(Message response) {
                listener.pinged(true);
            }

            @Override
            public void onFailure(ExchangeFailure failure) {
                listener.pinged(false);
            }
        }, loop.nanoTime());
    }

    @Override
    public void received(Peer from, byte[] data, int offset, int length) {
        MessageTrace.log(false, from.address(), data, offset, length);
        counts.received(data, offset, length);
        engine().receive(from, data, offset, length, loop.nanoTime());
    }

    @Override
    public void peerLost(Peer peer) {
        engine().peerLost(peer, loop.nanoTime());
    }

    @Override
    public long nextDeadline() {
        return engine().nextDeadline();
    }

    @Override
    public void deadlineReached(long nowNanos) {
        engine().tick(nowNanos);
    }
}
