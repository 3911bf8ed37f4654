package io.coaps4j.cli.server;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.ContentFormat;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.server.Resource;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@code /clock}: the current time (UTC, ISO 8601, to the second), observable (RFC 7641) with NON
 * notifications every second. The ticking runs only while someone observes: no timer otherwise.
 */
final class ClockResource implements AutoCloseable {
    /** Fresh for two ticks: a client re-registers only after notifications stopped (RFC 7641 3.3.1). */
    private static final long MAX_AGE_SECONDS = 2;

    private final Clock clock;
    private final Resource resource;
    private ScheduledThreadPoolExecutor timer;
    private ScheduledFuture<?> ticking;

    ClockResource(Clock clock) {
        this.clock = clock;
        this.resource = Resource.builder("clock")
                .title("Current time (UTC, ISO 8601), observable")
                .contentFormat(ContentFormat.TEXT_PLAIN.number())
                .observable(MessageType.NON)
                .onObserversChanged(this::observersChanged)
                .get(request -> CoapResponse.builder(Code.CONTENT)
                        .contentFormat(ContentFormat.TEXT_PLAIN.number()).maxAge(MAX_AGE_SECONDS)
                        .payload(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString()).build())
                .build();
    }

    Resource resource() {
        return resource;
    }

    /** Starts the ticks with the first observer and stops them with the last. */
    private synchronized void observersChanged(int observers) {
        if (observers > 0 && ticking == null) {
            if (timer == null) {
                timer = new ScheduledThreadPoolExecutor(1, runnable -> {
                    Thread thread = new Thread(runnable, "coaps4j-clock");
                    thread.setDaemon(true);
                    return thread;
                });
                timer.setRemoveOnCancelPolicy(true);
            }
            long untilNextSecond = 1000 - clock.millis() % 1000;
            ticking = timer.scheduleAtFixedRate(resource::changed, untilNextSecond, 1000, TimeUnit.MILLISECONDS);
        } else if (observers == 0 && ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }

    /** True while the clock ticks for its observers. */
    synchronized boolean ticking() {
        return ticking != null;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
