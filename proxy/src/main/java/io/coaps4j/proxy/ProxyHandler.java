package io.coaps4j.proxy;

import io.coaps4j.coap.endpoint.InboundRequestHandler;
import io.coaps4j.coap.endpoint.Responder;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.ServerExchange;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every request the proxy's listeners receive: finds the origin ({@link TargetResolver}), applies
 * the Hop-Limit loop guard (RFC 8768), and answers with what the {@link Forwarder} returns. Runs on the
 * listeners' event loops and never blocks them.
 */
final class ProxyHandler implements InboundRequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyHandler.class);
    /** RFC 8768 section 3: 5.08 Hop Limit Reached. */
    static final Code HOP_LIMIT_REACHED = Code.of(5, 8);

    private final TargetResolver resolver;
    private final Forwarder forwarder;

    ProxyHandler(TargetResolver resolver, Forwarder forwarder) {
        this.resolver = resolver;
        this.forwarder = forwarder;
    }

    @Override
    public void onRequest(ServerExchange exchange, Responder responder) {
        Message request = exchange.request();
        Resolution resolution = resolver.resolve(request);
        if (resolution.isRefused()) {
            CoapResponse.Builder refusal = CoapResponse.builder(resolution.refusal());
            if (resolution.diagnostic() != null) {
                refusal.payload(resolution.diagnostic()); // section 5.5.2: a diagnostic payload
            }
            responder.respond(exchange, refusal.build());
            return;
        }
        long hopLimit = request.uintOption(ProxyOptions.HOP_LIMIT).orElse(ProxyOptions.DEFAULT_HOP_LIMIT);
        if (hopLimit <= 1) {
            // RFC 8768 section 3: the decremented value would be 0; the loop (or too long a chain) ends here.
            responder.respond(exchange, CoapResponse.builder(HOP_LIMIT_REACHED)
                    .payload("hop limit reached at a proxy forwarding to " + resolution.target().host()).build());
            return;
        }
        if (ObserveRelay.registers(request)) {
            forwarder.observe(exchange, responder, resolution.target(), resolution.route(), (int) hopLimit - 1);
            return;
        }
        boolean deregisters = ObserveRelay.deregisters(request);
        forwarder.forward(request, resolution.target(), resolution.route(), (int) hopLimit - 1)
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        LOG.warn("forwarding to {} failed", resolution.target(), failure);
                        response = Forwarder.failed(failure, resolution.target());
                    }
                    if (deregisters) {
                        // RFC 7641 section 3.6: answered through the observe path, it ends the client's
                        // observation, whose relay then ends the proxy's own at the origin.
                        responder.respondObserved(exchange, response, MessageType.CON, ObserveRelay.NO_SINK);
                    } else {
                        responder.respond(exchange, response);
                    }
                });
    }
}
