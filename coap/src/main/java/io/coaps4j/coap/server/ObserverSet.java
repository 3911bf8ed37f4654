package io.coaps4j.coap.server;

import io.coaps4j.coap.endpoint.ObservationSink;

/**
 * The observers ({@code Observation}s) of one resource with their endpoints' notifiers, in an
 * open-addressing table (linear probing on the observation's identity, at most three quarters full):
 * about 11 to 21 bytes per observer instead of a concurrent map's entry and table slot of about 40, since
 * the per-observer heap is a target (issue 10). Thread-safe: registrations and ends arrive on the
 * endpoints' loops while {@link #snapshot} is taken on whatever thread changes the resource; a snapshot
 * is a copy, so notifying never holds the lock.
 */
final class ObserverSet<O> {
    private static final int INITIAL_CAPACITY = 16;

    /** Slot i holds an observation, slot i of {@link #notifiers} its notifier (one per endpoint, shared). */
    private Object[] observations = new Object[INITIAL_CAPACITY];
    private ObservationSink.Notifier[] notifiers = new ObservationSink.Notifier[INITIAL_CAPACITY];
    private int size;

    /** The observers at one moment, each with the notifier of its endpoint at the same index. */
    record Snapshot<O>(Object[] observations, ObservationSink.Notifier[] notifiers) {
        int size() {
            return observations.length;
        }

        @SuppressWarnings("unchecked")
        O observation(int i) {
            return (O) observations[i];
        }

        ObservationSink.Notifier notifier(int i) {
            return notifiers[i];
        }
    }

    /** Adds {@code observation}, or replaces its notifier; returns the new size. */
    synchronized int add(O observation, ObservationSink.Notifier notifier) {
        if (4 * (size + 1) > 3 * observations.length) {
            resize(observations.length * 2);
        }
        int i = indexOf(observation, observations);
        if (observations[i] == null) {
            observations[i] = observation;
            size++;
        }
        notifiers[i] = notifier;
        return size;
    }

    /** Removes {@code observation}; returns the new size, or -1 when it was not there. */
    synchronized int remove(O observation) {
        Object[] table = observations;
        int i = indexOf(observation, table);
        if (table[i] == null) {
            return -1;
        }
        // Backward-shift deletion (linear probing): later entries of the probe run move up, no tombstones.
        int mask = table.length - 1;
        int hole = i;
        for (int j = (i + 1) & mask; table[j] != null; j = (j + 1) & mask) {
            int home = home(table[j], mask);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                table[hole] = table[j];
                notifiers[hole] = notifiers[j];
                hole = j;
            }
        }
        table[hole] = null;
        notifiers[hole] = null;
        size--;
        if (size == 0 && table.length > INITIAL_CAPACITY) {
            observations = new Object[INITIAL_CAPACITY];
            notifiers = new ObservationSink.Notifier[INITIAL_CAPACITY];
        }
        return size;
    }

    synchronized int size() {
        return size;
    }

    /** The observers now, copied: the caller notifies them without the lock. */
    synchronized Snapshot<O> snapshot() {
        Object[] copied = new Object[size];
        ObservationSink.Notifier[] copiedNotifiers = new ObservationSink.Notifier[size];
        for (int i = 0, j = 0; i < observations.length; i++) {
            if (observations[i] != null) {
                copied[j] = observations[i];
                copiedNotifiers[j++] = notifiers[i];
            }
        }
        return new Snapshot<>(copied, copiedNotifiers);
    }

    private void resize(int capacity) {
        Object[] oldObservations = observations;
        ObservationSink.Notifier[] oldNotifiers = notifiers;
        observations = new Object[capacity];
        notifiers = new ObservationSink.Notifier[capacity];
        for (int i = 0; i < oldObservations.length; i++) {
            if (oldObservations[i] != null) {
                int j = indexOf(oldObservations[i], observations);
                observations[j] = oldObservations[i];
                notifiers[j] = oldNotifiers[i];
            }
        }
    }

    /** The slot of {@code observation} in {@code table}, or the empty slot where it would go. */
    private static int indexOf(Object observation, Object[] table) {
        int mask = table.length - 1;
        int i = home(observation, mask);
        while (table[i] != null && table[i] != observation) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static int home(Object observation, int mask) {
        int h = System.identityHashCode(observation);
        return (h ^ (h >>> 16)) & mask;
    }
}
