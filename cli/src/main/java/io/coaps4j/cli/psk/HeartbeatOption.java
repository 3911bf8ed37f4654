package io.coaps4j.cli.psk;

import io.coaps4j.coaps.KeepAlive;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --heartbeat SECONDS}: check that the peer of a coaps session is alive after SECONDS without a record
 * from it, with an RFC 6520 DTLS heartbeat where the session negotiated one (coaps4j, GnuTLS, Bouncy Castle)
 * and a CoAP ping otherwise; a peer that answers neither is dropped with its session.
 */
public final class HeartbeatOption {
    static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(86_400);

    @Option(names = "--heartbeat", paramLabel = "SECONDS", converter = Seconds.class,
            description = "check coaps peers silent for SECONDS: a DTLS heartbeat (RFC 6520) where the session"
                    + " negotiated it, else a CoAP ping; a peer that does not answer loses its session"
                    + " (default: no checks)")
    Duration idle;

    /** The keep-alive the option asks for; disabled when it was not given. */
    public KeepAlive keepAlive() {
        return idle == null ? KeepAlive.disabled() : KeepAlive.afterIdle(idle);
    }

    /** Whether the option was given. */
    public boolean given() {
        return idle != null;
    }

    /** The idle time given, if any. */
    public Optional<Duration> idle() {
        return Optional.ofNullable(idle);
    }

    /** A positive number of seconds, fractions allowed, at most a day. */
    static final class Seconds implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            BigDecimal seconds;
            try {
                seconds = new BigDecimal(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number of seconds");
            }
            if (seconds.compareTo(BigDecimal.ONE) < 0 || seconds.compareTo(MAX_SECONDS) > 0) {
                throw new TypeConversionException("must be 1 to 86400 seconds (RFC 6520 section 5.2: down to one"
                        + " second), was " + value);
            }
            return Duration.ofMillis(seconds.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact());
        }
    }
}
