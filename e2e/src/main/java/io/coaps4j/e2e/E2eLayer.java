package io.coaps4j.e2e;

import io.coaps4j.coap.exchange.ClientExchange;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.ExchangeFailure;
import io.coaps4j.coap.exchange.LayerContext;
import io.coaps4j.coap.exchange.MessageLayer;
import io.coaps4j.coap.exchange.ServerExchange;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.server.CoapRequest;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.e2e.E2eAssociation.Refusal;
import io.coaps4j.e2e.E2eProtector.SealedRequest;
import io.coaps4j.e2e.E2eProtector.Unprotected;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end protection as a per-message layer (docs/E2E.md): a request carrying the E2E option
 * ({@link E2eOptions#protectWith}) leaves sealed under that SA, and its response is opened and checked
 * against the request; a protected request arriving is opened, handed to the resource with the E2E option
 * naming its SA ({@link #principal}), and its response sealed. Messages without the E2E option pass
 * untouched, so a node serves protected and plain requests side by side.
 *
 * <p>Put it first in {@code CoapEndpoint.Builder.layers} (nearest the application, above block-wise, which
 * then carries the protected message in blocks between hops), and give the engine
 * {@link E2eOptions#withE2e} so the critical E2E option is recognised. Runs on the engine's thread.
 */
public final class E2eLayer implements MessageLayer {
    private static final Logger LOG = LoggerFactory.getLogger(E2eLayer.class);
    /** Exchanges whose state a layer keeps at most (an exchange that ends without a response is evicted). */
    static final int MAX_PENDING = 16_384;

    private final E2eAssociations associations;
    private final E2eProtector protector;
    private final Map<ClientExchange, Pending> clients = bounded();
    private final Map<ServerExchange, Pending> servers = bounded();
    /**
     * Registrations whose protected response accepted an observer: each notification answers the registration
     * again (RFC 7641 section 4.1), so it is sealed under that SA and bound to that request. Least recently
     * notified out; an observer evicted or whose SA is gone gets the distinct 4.01 as its last notification.
     */
    private final Map<ServerExchange, Pending> observers = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ServerExchange, Pending> eldest) {
            return size() > MAX_PENDING;
        }
    };

    public E2eLayer(E2eAssociations associations) {
        this.associations = Objects.requireNonNull(associations, "associations");
        this.protector = new E2eProtector(CryptoContext.create());
    }

    /** The SA and the request record's binding of one exchange. */
    private record Pending(E2eAssociation association, byte[] binding) {
    }

    private static <K> Map<K, Pending> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Pending> eldest) {
                return size() > MAX_PENDING;
            }
        };
    }

    /**
     * The end-to-end principal of a request a resource received: present only when the request came
     * protected end to end and its SA is still installed. The hop-by-hop one is {@code request.principal()}.
     */
    public Optional<E2ePrincipal> principal(CoapRequest request) {
        return request.option(E2eOptions.E2E).filter(option -> option.length() > 0)
                .flatMap(option -> associations.principal(option.value()));
    }

    /** Whether a response was received protected end to end (false for a refusal sent in the clear). */
    public static boolean isProtected(CoapResponse response) {
        return response.option(E2eOptions.E2E).isPresent();
    }

    @Override
    public Message sendRequest(ClientExchange exchange, Message request, LayerContext context, long nowNanos) {
        Optional<Option> e2e = request.option(E2eOptions.E2E);
        if (e2e.isEmpty()) {
            return request;
        }
        Optional<E2eAssociation> association = e2e.filter(option -> option.length() > 0)
                .flatMap(option -> associations.find(new SaId(option.value())));
        if (association.isEmpty()) {
            LOG.debug("no end-to-end SA {} for a request; failing it", e2e.get());
            context.fail(exchange, ExchangeFailure.CONNECTION_FAILED, nowNanos);
            return null;
        }
        SealedRequest sealed = protector.protectRequest(request, association.get());
        clients.put(exchange, new Pending(association.get(), sealed.binding()));
        return sealed.outer();
    }

    @Override
    public Message receiveResponse(ClientExchange exchange, Message response, LayerContext context, long nowNanos) {
        if (!response.hasOption(E2eOptions.E2E)) {
            clients.remove(exchange);
            return response; // a plain exchange, or a refusal sent in the clear
        }
        Pending pending = exchange.isMultiResponse() ? clients.get(exchange) : clients.remove(exchange);
        if (pending == null) {
            LOG.debug("dropped a protected response to an exchange that sent none (or was evicted)");
            return null;
        }
        Unprotected opened = protector.unprotectResponse(response, pending.association(), pending.binding());
        if (opened.refusal() != null) {
            LOG.debug("dropped an end-to-end response: {}", opened.refusal());
            if (!exchange.isMultiResponse()) {
                clients.put(exchange, pending); // the right response may still come (a duplicate path)
            }
            return null; // dropped: the exchange times out as for a lost response
        }
        // Keep the E2E marker on it so the application can tell (isProtected).
        return withOption(opened.message(), Option.empty(E2eOptions.E2E));
    }

    @Override
    public Message receiveRequest(ServerExchange exchange, Message request, LayerContext context, long nowNanos) {
        Optional<Option> e2e = request.option(E2eOptions.E2E);
        if (e2e.isEmpty()) {
            return request;
        }
        Optional<E2eAssociation> association = e2e.filter(option -> option.length() > 0)
                .flatMap(option -> associations.find(new SaId(option.value())));
        if (association.isEmpty()) {
            refuse(exchange, Refusal.NO_ASSOCIATION, context, nowNanos);
            return null;
        }
        Unprotected opened = protector.unprotectRequest(request, association.get());
        if (opened.refusal() != null) {
            refuse(exchange, opened.refusal(), context, nowNanos);
            return null;
        }
        servers.put(exchange, new Pending(association.get(), opened.binding()));
        return opened.message();
    }

    @Override
    public Message sendResponse(ServerExchange exchange, Message response, LayerContext context, long nowNanos) {
        Pending pending = servers.remove(exchange);
        if (pending == null) {
            return response;
        }
        if (response.code().isSuccess() && response.hasOption(OptionNumber.OBSERVE)) {
            observers.put(exchange, pending);
        }
        return protector.protectResponse(response, pending.association(), pending.binding());
    }

    /**
     * A notification to an observer that registered protected leaves sealed like the registration's first
     * response; one that registered in the clear passes untouched. A protected registration is never answered
     * in the clear: without its state or its SA (expired, removed) the observer gets the distinct 4.01, which
     * ends the observation (RFC 7641 section 3.2) so the client can set up an SA and register again.
     */
    @Override
    public Message sendNotification(ServerExchange exchange, Message notification, long nowNanos) {
        Pending pending = notification.code().isSuccess() ? observers.get(exchange) : observers.remove(exchange);
        if (pending != null && associations.contains(pending.association().id().bytes())) {
            return protector.protectResponse(notification, pending.association(), pending.binding());
        }
        if (pending == null && !exchange.request().hasOption(E2eOptions.E2E)) {
            return notification;
        }
        observers.remove(exchange);
        LOG.debug("ended an end-to-end observation whose SA or state is gone");
        return error(Code.UNAUTHORIZED, E2eDiagnostics.NO_ASSOCIATION);
    }

    /** The refusals of docs/E2E.md section 6, in the clear with a diagnostic payload (RFC 7252 5.5.2). */
    private static void refuse(ServerExchange exchange, Refusal refusal, LayerContext context, long nowNanos) {
        LOG.debug("refused an end-to-end request: {}", refusal);
        Message response = switch (refusal) {
            case NO_ASSOCIATION -> error(Code.UNAUTHORIZED, E2eDiagnostics.NO_ASSOCIATION);
            case REPLAY -> error(Code.UNAUTHORIZED, E2eDiagnostics.REPLAY);
            case BAD_INNER -> error(Code.BAD_OPTION, E2eDiagnostics.BAD_INNER);
            case NOT_AUTHENTIC -> error(Code.BAD_REQUEST, E2eDiagnostics.NOT_AUTHENTIC);
        };
        context.respond(exchange, response, nowNanos);
    }

    private static Message error(Code code, String diagnostic) {
        return Message.of(MessageType.CON, code, 0, Token.EMPTY, List.of(),
                diagnostic.getBytes(StandardCharsets.UTF_8));
    }

    private static Message withOption(Message message, Option option) {
        List<Option> options = new ArrayList<>(message.options());
        options.add(option);
        return Message.of(message.type(), message.code(), message.messageId(), message.token(), options,
                message.payload());
    }
}
