package io.coaps4j.bench.server;

import java.time.Duration;

/**
 * The optional server argument {@code exchange-lifetime=SECONDS}. A CoAP server keeps what it needs to answer
 * a duplicate of each request for EXCHANGE_LIFETIME (247 s by default, RFC 7252 section 4.8.2); an idle
 * session outlives that. The idle-session benchmark shortens the lifetime on every Java server alike to
 * fast-forward past it, so that the heap it reports is that of idle sessions, not of their last request.
 */
public final class ShortExchangeLifetime {
    static final String PREFIX = "exchange-lifetime=";

    private ShortExchangeLifetime() {
    }

    /** The lifetime given among {@code args} (after host and port), or null for the default. */
    public static Duration fromArgs(String[] args) {
        for (int i = 2; i < args.length; i++) {
            if (args[i].startsWith(PREFIX)) {
                long seconds = Long.parseLong(args[i].substring(PREFIX.length()));
                if (seconds < 3) {
                    throw new IllegalArgumentException(PREFIX + " must be at least 3 seconds, was " + seconds);
                }
                return Duration.ofSeconds(seconds);
            }
        }
        return null;
    }

    /** The argument that sets {@code lifetime}. */
    public static String argument(Duration lifetime) {
        return PREFIX + lifetime.toSeconds();
    }
}
