package io.coaps4j.cli.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rate-limited reports of silent drops, on a virtual clock. */
class DropWatchTest {
    private final Map<String, Long> counters = new LinkedHashMap<>();
    private final AtomicLong now = new AtomicLong(1_000);
    private final List<String> lines = new ArrayList<>();
    private DropWatch watch;

    @BeforeEach
    void watch() {
        counters.put("handshakes refused", 0L);
        counters.put("sessions evicted", 0L);
        watch = new DropWatch(() -> new LinkedHashMap<>(counters), Duration.ofMinutes(1), now::get, lines::add);
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void nothingIsReportedWhileNothingIsDropped() {
        watch.check();
        advance(Duration.ofMinutes(5));
        watch.check();

        assertThat(lines).isEmpty();
    }

    @Test
    void growthIsReportedAtOnceWithTheIncrementsOfTheCountersThatGrew() {
        counters.put("handshakes refused", 12L);

        watch.check();

        assertThat(lines).containsExactly("coaps dropped silently: +12 handshakes refused");
    }

    @Test
    void atMostOneLinePerIntervalAndHeldBackIncrementsGoIntoTheNextLine() {
        counters.put("handshakes refused", 5L);
        watch.check();
        counters.put("handshakes refused", 7L);
        counters.put("sessions evicted", 3L);
        advance(Duration.ofSeconds(10));
        watch.check();
        advance(Duration.ofSeconds(40));
        watch.check();
        assertThat(lines).hasSize(1);

        advance(Duration.ofSeconds(10));
        watch.check();

        assertThat(lines).containsExactly("coaps dropped silently: +5 handshakes refused",
                "coaps dropped silently: +2 handshakes refused, +3 sessions evicted");
    }

    @Test
    void aQuietIntervalDoesNotDelayTheNextReport() {
        counters.put("sessions evicted", 1L);
        watch.check();
        advance(Duration.ofMinutes(10));
        watch.check();
        counters.put("sessions evicted", 2L);

        watch.check();

        assertThat(lines).containsExactly("coaps dropped silently: +1 sessions evicted",
                "coaps dropped silently: +1 sessions evicted");
    }

    @Test
    void theSummaryListsEveryCounterWithItsTotal() {
        counters.put("handshakes refused", 4L);
        watch.check();
        counters.put("handshakes refused", 9L);

        assertThat(watch.summary()).isEqualTo("coaps drop counters: 9 handshakes refused, 0 sessions evicted");
    }

    @Test
    void theIntervalMustBePositive() {
        assertThatThrownBy(() -> new DropWatch(Map::of, Duration.ZERO, now::get, lines::add))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval");
    }
}
