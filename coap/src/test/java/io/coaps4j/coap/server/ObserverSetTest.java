package io.coaps4j.coap.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.endpoint.ObservationSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The resource's table of observers against a map that cannot be wrong, through growth and backward-shift deletion. */
class ObserverSetTest {
    private static final ObservationSink.Notifier FIRST = (o, s) -> { };
    private static final ObservationSink.Notifier SECOND = (o, s) -> { };

    /** Keys whose identity hashes are arbitrary; each operation adds (even) or removes (odd) key value/2. */
    @Property(tries = 200)
    void holdsExactlyWhatWasAddedAndNotRemoved(@ForAll @Size(max = 400) List<@IntRange(min = 0, max = 199) Integer> operations) {
        Object[] keys = new Object[100];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new Object();
        }
        ObserverSet<Object> set = new ObserverSet<>();
        Map<Object, ObservationSink.Notifier> reference = new IdentityHashMap<>();
        for (int operation : operations) {
            Object key = keys[operation / 2];
            if (operation % 2 == 0) {
                ObservationSink.Notifier notifier = operation % 4 == 0 ? FIRST : SECOND;
                reference.put(key, notifier);
                assertThat(set.add(key, notifier)).isEqualTo(reference.size());
            } else {
                boolean present = reference.remove(key) != null;
                assertThat(set.remove(key)).isEqualTo(present ? reference.size() : -1);
            }
            assertThat(set.size()).isEqualTo(reference.size());
        }
        ObserverSet.Snapshot<Object> snapshot = set.snapshot();
        Map<Object, ObservationSink.Notifier> seen = new IdentityHashMap<>();
        for (int i = 0; i < snapshot.size(); i++) {
            seen.put(snapshot.observation(i), snapshot.notifier(i));
        }
        assertThat(seen).hasSize(snapshot.size()).isEqualTo(reference);
    }

    @Test
    void aSnapshotIsNotChangedByLaterRemovalsAndAnEmptiedTableShrinks() {
        ObserverSet<Object> set = new ObserverSet<>();
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            keys.add(new Object());
            set.add(keys.get(i), FIRST);
        }
        ObserverSet.Snapshot<Object> before = set.snapshot();
        Collections.shuffle(keys, new java.util.Random(7));
        for (Object key : keys) {
            assertThat(set.remove(key)).isNotNegative();
        }
        assertThat(set.size()).isZero();
        assertThat(set.snapshot().size()).isZero();
        assertThat(before.size()).isEqualTo(1_000);
        set.add(keys.get(0), SECOND);
        assertThat(set.snapshot().notifier(0)).isSameAs(SECOND);
    }
}
