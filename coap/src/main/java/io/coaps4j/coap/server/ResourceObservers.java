package io.coaps4j.coap.server;

import io.coaps4j.coap.endpoint.ObservationSink;
import io.coaps4j.coap.exchange.Observation;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.MessageType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

/**
 * The observers of one observable resource over all endpoints (RFC 7641 section 4.1): each with
 * its registering request and the notifier of its endpoint. {@link #changed} answers every
 * registering request again with the GET handler (the FETCH handler for a FETCH registration, RFC 8132
 * section 2.4) and notifies; thread-safe.
 */
final class ResourceObservers {
    private record Entry(CoapRequest request, ObservationSink.Notifier notifier) {
    }

    private final Map<Observation, Entry> observers = new ConcurrentHashMap<>();
    private final MessageType notificationType;
    private final IntConsumer countChanged;
    private volatile Object getHandler;
    private volatile Object fetchHandler;

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

    /** The sink of one registering GET: the endpoint tells it whether the client was added and when it left. */
    ObservationSink sink(CoapRequest request) {
        return new ObservationSink() {
            @Override
            public void registered(Observation observation, Notifier notifier) {
                observers.put(observation, new Entry(request, notifier));
                countChanged.accept(observers.size());
            }

            @Override
            public void ended(Observation observation) {
                if (observers.remove(observation) != null) {
                    countChanged.accept(observers.size());
                }
            }
        };
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
        observers.forEach((observation, entry) -> {
            Object handler = entry.request().method() == Code.FETCH ? fetch : get;
            if (handler != null) {
                ResourceDispatcher.handle(handler, entry.request(),
                        response -> entry.notifier().notify(observation, response));
            }
        });
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
