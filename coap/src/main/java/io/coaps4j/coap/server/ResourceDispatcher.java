package io.coaps4j.coap.server;

import io.coaps4j.coap.endpoint.InboundRequestHandler;
import io.coaps4j.coap.endpoint.Responder;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.ServerExchange;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Routes each request to its resource (an exact path before a template) and method handler: 5.05
 * for a request meant for a proxy (this server is none), 4.04 for an unknown path, 4.05 for a
 * method the resource does not handle, 4.01/4.03 from the resource's authorization, 4.06 for an
 * Accept the resource cannot produce, and every handler failure through {@link ErrorMapper}.
 * Handlers run on the event loop, or on the given executor when they may block.
 */
public final class ResourceDispatcher implements InboundRequestHandler {
    private static final CoapResponse NOT_FOUND = CoapResponse.of(Code.NOT_FOUND);
    private static final CoapResponse METHOD_NOT_ALLOWED = CoapResponse.of(Code.METHOD_NOT_ALLOWED);
    private static final CoapResponse UNAUTHORIZED = CoapResponse.of(Code.UNAUTHORIZED);
    private static final CoapResponse FORBIDDEN = CoapResponse.of(Code.FORBIDDEN);
    private static final CoapResponse SERVICE_UNAVAILABLE = CoapResponse.of(Code.SERVICE_UNAVAILABLE);
    private static final CoapResponse PROXYING_NOT_SUPPORTED = CoapResponse.builder(Code.PROXYING_NOT_SUPPORTED)
            .payload("this server is not a proxy").build();
    private static final CoapResponse NOT_ACCEPTABLE = CoapResponse.of(Code.NOT_ACCEPTABLE);

    private final ResourceTree tree;
    private final Executor executor;

    /** {@code executor} null: handlers run on the event loop (they must not block). */
    public ResourceDispatcher(ResourceTree tree, Executor executor) {
        this.tree = tree;
        this.executor = executor;
    }

    public ResourceTree tree() {
        return tree;
    }

    @Override
    public void onRequest(ServerExchange exchange, Responder responder) {
        Message message = exchange.request();
        if (forProxy(message)) {
            responder.respond(exchange, PROXYING_NOT_SUPPORTED);
            return;
        }
        List<String> path = List.copyOf(message.uriPath());
        Resource resource = tree.find(path);
        if (resource == null) {
            responder.respond(exchange, NOT_FOUND);
            return;
        }
        CoapRequest request = new CoapRequest(exchange.peer(), message, path, resource);
        Object handler = resource.handler(request.method());
        if (handler == null) {
            responder.respond(exchange, METHOD_NOT_ALLOWED);
            return;
        }
        switch (resource.access(request.principal())) {
            case UNAUTHENTICATED -> responder.respond(exchange, UNAUTHORIZED);
            case FORBIDDEN -> responder.respond(exchange, FORBIDDEN);
            default -> {
                if (!acceptable(resource, message)) {
                    responder.respond(exchange, NOT_ACCEPTABLE); // section 5.10.4
                    return;
                }
                if (executor == null) {
                    invoke(handler, request, exchange, responder);
                } else {
                    try {
                        executor.execute(() -> invoke(handler, request, exchange, responder));
                    } catch (RejectedExecutionException e) {
                        responder.respond(exchange, SERVICE_UNAVAILABLE);
                    }
                }
            }
        }
    }

    /** Whether the resource can produce what Accept asks for; a resource that declares no formats leaves it to its handler. */
    private static boolean acceptable(Resource resource, Message message) {
        if (resource.contentFormats().isEmpty()) {
            return true;
        }
        OptionalLong accept = message.uintOption(OptionNumber.ACCEPT);
        return accept.isEmpty() || resource.produces(accept.getAsLong());
    }

    /**
     * Proxy-Uri or Proxy-Scheme: a request for a forward-proxy, which a server that is not one
     * answers with 5.05 (RFC 7252 section 5.7.2) rather than serving it from a local resource.
     */
    private static boolean forProxy(Message message) {
        List<Option> options = message.options();
        for (int i = 0; i < options.size(); i++) {
            int number = options.get(i).number();
            if (number == OptionNumber.PROXY_URI || number == OptionNumber.PROXY_SCHEME) {
                return true;
            }
            if (number > OptionNumber.PROXY_SCHEME) {
                return false; // options are sorted by number
            }
        }
        return false;
    }

    private static void invoke(Object handler, CoapRequest request, ServerExchange exchange, Responder responder) {
        ResourceObservers observers = request.resource().observers();
        if (observers != null && ResourceObservers.isObserveGet(request)) {
            // RFC 7641: the answer registers (Observe 0), deregisters (Observe 1) or is a plain GET when full.
            handle(handler, request, response -> responder.respondObserved(exchange, response,
                    observers.notificationType(), observers.sink(request)));
        } else {
            handle(handler, request, response -> responder.respond(exchange, response));
        }
    }

    /** Runs {@code handler} for {@code request}; {@code out} hears its response or the mapped failure, once. */
    static void handle(Object handler, CoapRequest request, Consumer<CoapResponse> out) {
        try {
            if (handler instanceof RequestHandler) {
                CoapResponse response = ((RequestHandler) handler).handle(request);
                out.accept(response != null ? response : ErrorMapper.nullResponse());
            } else {
                CompletionStage<CoapResponse> stage = ((AsyncRequestHandler) handler).handle(request);
                if (stage == null) {
                    out.accept(ErrorMapper.nullResponse());
                    return;
                }
                stage.whenComplete((response, failure) -> out.accept(
                        failure != null ? ErrorMapper.toResponse(failure)
                                : response != null ? response : ErrorMapper.nullResponse()));
            }
        } catch (Throwable failure) {
            out.accept(ErrorMapper.toResponse(failure));
        }
    }
}
