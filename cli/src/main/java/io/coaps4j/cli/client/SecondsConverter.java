package io.coaps4j.cli.client;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --timeout S}: a positive number of seconds, fractions allowed ("2.5"), at most one hour. */
final class SecondsConverter implements ITypeConverter<Duration> {
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(3600);

    @Override
    public Duration convert(String value) {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number of seconds");
        }
        if (seconds.signum() <= 0 || seconds.compareTo(MAX_SECONDS) > 0) {
            throw new TypeConversionException("must be more than 0 and at most 3600 seconds, was " + value);
        }
        long millis = seconds.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
        return Duration.ofMillis(millis);
    }
}
