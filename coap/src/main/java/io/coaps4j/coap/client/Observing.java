package io.coaps4j.coap.client;

import io.coaps4j.coap.endpoint.CoapEndpoint;
import io.coaps4j.coap.exchange.ClientObservation;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.ExchangeFailure;
import io.coaps4j.coap.exchange.NotificationListener;
import io.coaps4j.coap.message.Message;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A running observation of {@link CoapClient#observe}: cancel it with {@link #cancel()}. When the
 * connection to the server is lost (e.g. its DTLS session closed), it registers again over a new
 * one, since notifications only ever come in the registration's session and epoch.
 */
public final class Observing {
    private final CoapEndpoint endpoint;
    private final String scheme;
    private final String host;
    private final InetSocketAddress destination;
    private final Message request;
    private final Duration timeout;
    private final ObserveListener listener;
    private final CompletableFuture<ExchangeFailure> end = new CompletableFuture<>();
    /** Written on the loop; read by cancel from any thread. */
    private volatile ClientObservation current;
    private volatile boolean cancelled;
    private volatile boolean proactive;

    Observing(CoapEndpoint endpoint, String scheme, String host, InetSocketAddress destination, Message request,
              Duration timeout, ObserveListener listener) {
        this.endpoint = endpoint;
        this.scheme = scheme;
        this.host = host;
        this.destination = destination;
        this.request = request;
        this.timeout = timeout;
        this.listener = listener;
    }

    void start() {
        endpoint.observe(scheme, host, destination, request, timeout, new NotificationListener() {
            private boolean notified;

            @Override
            public void onNotification(Message notification) {
                notified = true;
                listener.onNotification(CoapResponse.of(notification));
            }

            @Override
            public void onEnded(ExchangeFailure failure) {
                if (failure == ExchangeFailure.PEER_LOST && notified && !cancelled) {
                    start(); // the session ended: register again in a new one
                    return;
                }
                if (end.complete(failure)) {
                    listener.onEnded(cancelled ? ExchangeFailure.CANCELLED : failure);
                }
            }
        }, observation -> {
            current = observation;
            if (cancelled) {
                endpoint.cancelObservation(observation, proactive);
            }
        });
    }

    /** Ends the observation and tells the server now with a GET carrying Observe 1 (RFC 7641 section 3.6). */
    public void cancel() {
        cancel(true);
    }

    /**
     * Ends the observation; {@code proactive} false leaves the server to learn it from the RST to
     * its next notification.
     */
    public void cancel(boolean proactive) {
        this.proactive = proactive;
        this.cancelled = true;
        ClientObservation observation = current;
        if (observation != null) {
            endpoint.cancelObservation(observation, proactive);
        }
    }

    /** Completes when the observation is over, with why (null: the server ended it). */
    public CompletableFuture<ExchangeFailure> ended() {
        return end.copy();
    }
}
