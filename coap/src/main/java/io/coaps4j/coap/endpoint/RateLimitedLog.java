package io.coaps4j.coap.endpoint;

import org.slf4j.Logger;

/**
 * A warning that an attacker or a faulty peer could repeat at line rate: logged at most once per
 * interval, with the number of occurrences left unlogged since. Event-loop thread only.
 */
final class RateLimitedLog {
    private final Logger log;
    private final long intervalNanos;
    private long nextAllowed;
    private boolean loggedOnce;
    private long suppressed;

    RateLimitedLog(Logger log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
    }

    /** Logs {@code message} (an slf4j pattern) unless another was logged less than an interval ago. */
    void warn(long nowNanos, String message, Object... arguments) {
        if (loggedOnce && nowNanos - nextAllowed < 0) {
            suppressed++;
            return;
        }
        loggedOnce = true;
        nextAllowed = nowNanos + intervalNanos;
        if (suppressed > 0) {
            log.warn(message + " ({} more like it not logged)", append(arguments, suppressed));
            suppressed = 0;
        } else {
            log.warn(message, arguments);
        }
    }

    private static Object[] append(Object[] arguments, long value) {
        Object[] all = java.util.Arrays.copyOf(arguments, arguments.length + 1);
        all[arguments.length] = value;
        return all;
    }
}
