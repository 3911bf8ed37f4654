package io.coaps4j.proxy;

import io.coaps4j.coap.endpoint.CoapEndpoint;
import io.coaps4j.coap.endpoint.ObservationSink;
import io.coaps4j.coap.endpoint.Responder;
import io.coaps4j.coap.exchange.ClientObservation;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.ExchangeFailure;
import io.coaps4j.coap.exchange.NotificationListener;
import io.coaps4j.coap.exchange.Observation;
import io.coaps4j.coap.exchange.ServerExchange;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.uri.CoapUri;
import java.time.Duration;

/**
 * One observation relayed through the proxy (RFC 7641 section 5): the client's GET with Observe 0 becomes the
 * proxy's own observation of the origin on the origin leg; the first response answers the client (making it an
 * observer when the origin made the proxy one), each later notification is sent on, and either side's end
 * ends the other. Not cached. All callbacks come from the two legs' loops; the state is guarded by this.
 */
final class ObserveRelay implements NotificationListener, ObservationSink {
    private final ServerExchange exchange;
    private final Responder responder;
    private final CoapUri target;
    private final ReverseRoute route;
    private CoapEndpoint leg;
    private ClientObservation upstream;
    private Observation downstream;
    private Notifier notifier;
    private boolean answered;
    private boolean ended;

    private ObserveRelay(ServerExchange exchange, Responder responder, CoapUri target, ReverseRoute route) {
        this.exchange = exchange;
        this.responder = responder;
        this.target = target;
        this.route = route;
    }

    /** The sink of a deregistering GET, which registers nothing. */
    static final ObservationSink NO_SINK = new ObservationSink() {
        @Override
        public void registered(Observation observation, Notifier notifier) {
        }

        @Override
        public void ended(Observation observation) {
        }
    };

    /**
     * Whether {@code request} deregisters an observation (a GET with Observe 1, RFC 7641 section 3.6, or a
     * FETCH, RFC 8132 section 2.4).
     */
    static boolean deregisters(Message request) {
        return observes(request) && request.uintOption(OptionNumber.OBSERVE).orElse(-1) == 1;
    }

    /** Whether {@code request} registers an observation (a GET or FETCH with Observe 0). */
    static boolean registers(Message request) {
        return observes(request) && request.uintOption(OptionNumber.OBSERVE).orElse(-1) == 0;
    }

    private static boolean observes(Message request) {
        return request.code().equals(Code.GET) || request.code().equals(Code.FETCH);
    }

    static void start(OriginLegs legs, ServerExchange exchange, Responder responder, CoapUri target,
                      ReverseRoute route, int hopLimit, Duration timeout) {
        ObserveRelay relay = new ObserveRelay(exchange, responder, target, route);
        legs.observe(target, destination -> withObserve(Translation.toOrigin(exchange.request(),
                target, destination, hopLimit)), timeout, relay, relay::upstreamStarted);
    }

    private static Message withObserve(Message request) {
        return Message.builder().type(request.type()).code(request.code()).options(request.options())
                .option(Option.ofUint(OptionNumber.OBSERVE, 0)).payload(request.payload()).build();
    }

    private synchronized void upstreamStarted(CoapEndpoint endpoint, ClientObservation observation) {
        leg = endpoint;
        upstream = observation;
        if (ended) {
            cancelUpstream();
        }
    }

    @Override
    public void onNotification(Message notification) {
        CoapResponse response = Translation.unrecognizedUnsafe(notification).isPresent()
                ? Translation.badGateway("the origin's notification carries an Unsafe option this proxy does not"
                + " recognize") : Translation.toClient(notification, route);
        boolean first;
        Notifier sendOn;
        Observation to;
        synchronized (this) {
            first = !answered;
            answered = true;
            sendOn = notifier;
            to = downstream;
        }
        if (first) {
            if (notification.hasOption(OptionNumber.OBSERVE) && response.isSuccess()) {
                responder.respondObserved(exchange, response, MessageType.CON, this);
            } else {
                responder.respond(exchange, response); // the origin did not register us: a plain answer
                end();
            }
        } else if (sendOn != null) {
            sendOn.notify(to, response);
        }
    }

    @Override
    public void onEnded(ExchangeFailure failure) {
        boolean first;
        Notifier sendOn;
        Observation to;
        synchronized (this) {
            first = !answered;
            answered = true;
            ended = true;
            sendOn = notifier;
            to = downstream;
        }
        CoapResponse error = Forwarder.failed(new io.coaps4j.coap.endpoint.ExchangeFailedException(failure,
                "observation of " + target + " ended: " + failure), target);
        if (first) {
            responder.respond(exchange, error);
        } else if (sendOn != null) {
            sendOn.notify(to, error); // RFC 7641 section 3.2: a non-2.xx notification ends the observation
        }
    }

    @Override
    public synchronized void registered(Observation observation, Notifier notifier) {
        this.downstream = observation;
        this.notifier = notifier;
    }

    @Override
    public void ended(Observation observation) {
        end();
    }

    /** The client is gone (or never became an observer): stop observing the origin. */
    private synchronized void end() {
        ended = true;
        cancelUpstream();
    }

    private void cancelUpstream() {
        if (upstream != null && leg != null && !upstream.ended()) {
            leg.cancelObservation(upstream, true);
        }
    }
}
