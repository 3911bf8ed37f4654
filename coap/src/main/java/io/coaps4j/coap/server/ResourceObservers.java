package io.coaps4j.coap.server;

import io.coaps4j.coap.endpoint.ObservationSink;
import io.coaps4j.coap.exchange.Observation;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The observers of one observable resource over all endpoints (RFC 7641 section 4.1): each with
 * the notifier of its endpoint, in an {@link ObserverSet}. {@link #changed} answers every
 * registration again with the GET handler (the FETCH handler for a FETCH registration, RFC 8132
 * section 2.4) and notifies; thread-safe. The request a notification answers is re-derived from
 * the observation: its peer and the registration's options and payload ({@link Observation#request()},
 * shared by observers that registered alike), so no request is kept per observer.
 */
final class ResourceObservers implements ObservationSink {
    private final ObserverSet<Observation> observers = new ObserverSet<>();
    private final MessageType notificationType;
    private final IntConsumer countChanged;
    private volatile Object getHandler;
    private volatile Object fetchHandler;
    /** The resource the registrations were routed to (their requests' resource, for path parameters). */
    private volatile Resource resource;

    ResourceObservers(MessageType notificationType, IntConsumer countChanged) {
        this.notificationType = notificationType;
        this.countChanged = countChanged;
    }

    void getHandler(Object handler) {
        this.getHandler = handler;
    }

    /** The FETCH handler, for observers that registered with FETCH (RFC 8132 section 2.4); may be null. */
    void fetchHandler(Object handler) {
        this.fetchHandler = handler;
    }

    MessageType notificationType() {
        return notificationType;
    }

    /**
     * The sink of a registering GET: the endpoint tells it whether the client was added and when it
     * left. One sink serves every registration: it keeps nothing of the request itself.
     */
    ObservationSink sink(CoapRequest request) {
        if (resource == null) {
            resource = request.resource();
        }
        return this;
    }

    @Override
    public void registered(Observation observation, Notifier notifier) {
        countChanged.accept(observers.add(observation, notifier));
    }

    @Override
    public void ended(Observation observation) {
        int left = observers.remove(observation);
        if (left >= 0) {
            countChanged.accept(left);
        }
    }

    int size() {
        return observers.size();
    }

    /**
     * The resource's state changed: each observer's GET is handled again on the calling thread
     * (an async handler completes where it does) and its answer goes as the next notification.
     */
    void changed() {
        Object get = getHandler;
        Object fetch = fetchHandler;
        Resource routed = resource;
        Message lastMessage = null;
        List<String> lastPath = null;
        ObserverSet.Snapshot<Observation> now = observers.snapshot();
        for (int i = 0, n = now.size(); i < n; i++) {
            Observation observation = now.observation(i);
            Message message = observation.request();
            if (message != lastMessage) { // registrations alike share one message: decode its path once
                lastMessage = message;
                lastPath = List.copyOf(message.uriPath());
            }
            Object handler = message.code() == Code.FETCH ? fetch : get;
            if (handler != null) {
                Notifier notifier = now.notifier(i);
                CoapRequest request = new CoapRequest(observation.peer(), message, lastPath, routed);
                ResourceDispatcher.handle(handler, request, response -> notifier.notify(observation, response));
            }
        }
    }

    static void requireNotificationType(MessageType type) {
        if (type != MessageType.CON && type != MessageType.NON) {
            throw new IllegalArgumentException("notifications are sent as CON or NON, not " + type);
        }
    }

    /** A GET, or a FETCH (RFC 8132 section 2.4), with Observe: it registers or deregisters. */
    static boolean isObserveGet(CoapRequest request) {
        return (request.method() == Code.GET || request.method() == Code.FETCH)
                && request.message().observe().isPresent();
    }
}
