package io.coaps4j.coaps;

import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsEvent;
import java.util.Arrays;

/**
 * DTLS events queued while an engine call runs, handled once it has returned: handling one may
 * call the engine again (a CoAP response sent from inside a request's delivery), which must not
 * happen inside the engine's own call. A ring of parallel arrays, so queuing allocates nothing.
 * Event-loop thread only.
 */
final class PendingEvents {
    private DtlsConnection[] connections = new DtlsConnection[8];
    private DtlsEvent[] events = new DtlsEvent[8];
    private int head;
    private int size;
    private DtlsConnection polledConnection;
    private DtlsEvent polledEvent;

    /** Queues {@code event} of {@code connection}. */
    void add(DtlsConnection connection, DtlsEvent event) {
        if (size == events.length) {
            grow();
        }
        int tail = (head + size) & (events.length - 1);
        connections[tail] = connection;
        events[tail] = event;
        size++;
    }

    /** Takes the oldest event; false when there is none. Read it with {@link #connection()} and {@link #event()}. */
    boolean poll() {
        if (size == 0) {
            polledConnection = null;
            polledEvent = null;
            return false;
        }
        polledConnection = connections[head];
        polledEvent = events[head];
        connections[head] = null;
        events[head] = null;
        head = (head + 1) & (events.length - 1);
        size--;
        return true;
    }

    DtlsConnection connection() {
        return polledConnection;
    }

    DtlsEvent event() {
        return polledEvent;
    }

    boolean isEmpty() {
        return size == 0;
    }

    private void grow() {
        int capacity = events.length * 2;
        connections = unwrap(connections, capacity);
        events = unwrap(events, capacity);
        head = 0;
    }

    private <T> T[] unwrap(T[] ring, int capacity) {
        T[] grown = Arrays.copyOf(ring, capacity);
        int firstPart = ring.length - head;
        System.arraycopy(ring, head, grown, 0, firstPart);
        System.arraycopy(ring, 0, grown, firstPart, head);
        return grown;
    }
}
