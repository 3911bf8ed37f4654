package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.messaging.TimerQueue;
import io.coaps4j.coap.peer.Peer;
import java.util.OptionalLong;

/**
 * The client side of one RFC 7641 observation: a multi-response exchange whose responses pass the
 * reordering rule (section 3.4) and whose silence past Max-Age re-registers with the same token
 * (section 3.3.1). Notifications match only the registration's {@link Peer} object, so over coaps
 * one from another session or epoch is never delivered. A handle for
 * {@link CoapEngine#cancelObservation}; belongs to the engine's thread.
 */
public final class ClientObservation implements ResponseListener {
    /** Re-registration waits this long past Max-Age for a notification that may be on its way. */
    static final long REREGISTER_GRACE_NANOS = 2_000_000_000L;
    private static final long DEFAULT_MAX_AGE_SECONDS = 60; // RFC 7252 section 5.10.5

    private final NotificationListener listener;
    private final TimerQueue timers;
    private final ClientExchanges client;
    ClientExchange exchange;
    private boolean fresh;
    private long freshestValue;
    private long freshestNanos;
    /** The time of the engine call that delivers a response (listeners get none). */
    private final java.util.function.LongSupplier clock;
    private boolean ended;
    private final TimerQueue.Timer reregister = new TimerQueue.Timer() {
        @Override
        protected void fire(long now) {
            if (!ended && !client.resend(exchange, now)) {
                timers.schedule(this, now + REREGISTER_GRACE_NANOS); // NSTART is full: try again shortly
            }
        }
    };

    ClientObservation(NotificationListener listener, TimerQueue timers, ClientExchanges client,
                      java.util.function.LongSupplier clock) {
        this.listener = listener;
        this.clock = clock;
        this.timers = timers;
        this.client = client;
    }

    public Peer peer() {
        return exchange.peer();
    }

    /** True once {@link NotificationListener#onEnded} was called. */
    public boolean ended() {
        return ended;
    }

    @Override
    public void onResponse(Message response) {
        if (ended) {
            return;
        }
        long nowNanos = clock.getAsLong();
        OptionalLong observe = response.observe();
        if (observe.isEmpty() || !response.code().isSuccess()) {
            end(); // section 3.2: without Observe the server did not add us, or has removed us
            client.fail(exchange, ExchangeFailure.CANCELLED, nowNanos); // quietly: onFailure ignores it now
            listener.onNotification(response);
            listener.onEnded(null);
            return;
        }
        // Any notification shows the server still has us; an old one only is not delivered.
        long maxAge = response.maxAge().orElse(DEFAULT_MAX_AGE_SECONDS);
        timers.cancel(reregister);
        timers.schedule(reregister, nowNanos + maxAge * 1_000_000_000L + REREGISTER_GRACE_NANOS);
        long value = observe.getAsLong();
        if (fresh && !NotificationOrder.fresher(freshestValue, freshestNanos, value, nowNanos)) {
            return; // older than the freshest so far (section 3.4)
        }
        fresh = true;
        freshestValue = value;
        freshestNanos = nowNanos;
        listener.onNotification(response);
    }

    @Override
    public void onFailure(ExchangeFailure failure) {
        if (!ended) {
            end();
            listener.onEnded(failure);
        }
    }

    private void end() {
        ended = true;
        timers.cancel(reregister);
    }

    /** The request as registered, Observe 0 included. */
    Message registration() {
        return exchange.template;
    }

    @Override
    public String toString() {
        return "ClientObservation[" + exchange + (ended ? " ended" : "") + "]";
    }
}
