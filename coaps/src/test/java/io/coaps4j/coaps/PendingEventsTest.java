package io.coaps4j.coaps;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.dtls.engine.DtlsEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PendingEventsTest {

    @Test
    void keepsOrderAcrossWrapAroundAndGrowth() {
        PendingEvents queue = new PendingEvents();
        List<Integer> seen = new ArrayList<>();
        int next = 0;
        // Interleave adds and polls so that the ring wraps, then grows while wrapped.
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 6 + round * 4; i++) {
                queue.add(null, failure(next++));
            }
            for (int i = 0; i < 5; i++) {
                assertThat(queue.poll()).isTrue();
                seen.add(order(queue.event()));
            }
        }
        while (queue.poll()) {
            seen.add(order(queue.event()));
        }
        assertThat(seen).hasSize(next);
        for (int i = 0; i < next; i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.event()).as("nothing polled").isNull();
    }

    private static DtlsEvent failure(int order) {
        return new DtlsEvent.Failed(DtlsEvent.FailureOrigin.TIMEOUT, Optional.empty(), Integer.toString(order));
    }

    private static int order(DtlsEvent event) {
        return Integer.parseInt(((DtlsEvent.Failed) event).detail());
    }
}
