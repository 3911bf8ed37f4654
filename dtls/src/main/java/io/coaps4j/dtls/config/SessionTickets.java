package io.coaps4j.dtls.config;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A server's RFC 5077 session tickets: where the keys come from, how long a ticket is good for (also sent as the
 * lifetime hint, RFC 5077 section 3.3), and the wall clock, in epoch milliseconds, that ages tickets and rotates
 * keys (tests give a virtual one). Thread-safe when the key source is.
 */
public final class SessionTickets {
    private final TicketKeySource keys;
    private final Duration lifetime;
    private final LongSupplier clockMillis;

    public SessionTickets(TicketKeySource keys, Duration lifetime, LongSupplier clockMillis) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        if (lifetime.compareTo(Duration.ofSeconds(1)) < 0 || lifetime.toSeconds() > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ticket lifetime must be 1 s to 2^32-1 s, was " + lifetime);
        }
        this.lifetime = lifetime;
    }

    /** Hourly random keys ({@link RotatingTicketKeys#hourly()}), tickets good for {@code lifetime}, the system clock. */
    public static SessionTickets withRandomKeys(Duration lifetime) {
        return new SessionTickets(RotatingTicketKeys.hourly(), lifetime, System::currentTimeMillis);
    }

    public TicketKeySource keys() {
        return keys;
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** Now, by the tickets' clock, in epoch milliseconds. */
    public long nowMillis() {
        return clockMillis.getAsLong();
    }

    @Override
    public String toString() {
        return "SessionTickets[" + keys + ", lifetime " + lifetime + "]";
    }
}
