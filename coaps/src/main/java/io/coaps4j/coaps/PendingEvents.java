package io.coaps4j.coaps;

import io.coaps4j.dtls.engine.DtlsEvent;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * DTLS events queued while an engine call runs, handled once it has returned: handling one may
 * call the engine again (a CoAP response sent from inside a request's delivery), which must not
 * happen inside the engine's own call. A ring of parallel arrays, so queuing allocates nothing.
 * Event-loop thread only.
 */
final class PendingEvents {
    private ClientConnection[] clients = new ClientConnection[8];
    private InetSocketAddress[] addresses = new InetSocketAddress[8];
    private DtlsEvent[] events = new DtlsEvent[8];
    private int head;
    private int size;
    private ClientConnection polledClient;
    private InetSocketAddress polledAddress;
    private DtlsEvent polledEvent;

    /** Queues {@code event} of the connection with {@code address}; {@code client} is null for the DTLS server's connections. */
    void add(ClientConnection client, InetSocketAddress address, DtlsEvent event) {
        if (size == events.length) {
            grow();
        }
        int tail = (head + size) & (events.length - 1);
        clients[tail] = client;
        addresses[tail] = address;
        events[tail] = event;
        size++;
    }

    /** Takes the oldest event; false when there is none. Read it with {@link #client()}, {@link #address()}, {@link #event()}. */
    boolean poll() {
        if (size == 0) {
            polledClient = null;
            polledAddress = null;
            polledEvent = null;
            return false;
        }
        polledClient = clients[head];
        polledAddress = addresses[head];
        polledEvent = events[head];
        clients[head] = null;
        addresses[head] = null;
        events[head] = null;
        head = (head + 1) & (events.length - 1);
        size--;
        return true;
    }

    ClientConnection client() {
        return polledClient;
    }

    InetSocketAddress address() {
        return polledAddress;
    }

    DtlsEvent event() {
        return polledEvent;
    }

    boolean isEmpty() {
        return size == 0;
    }

    private void grow() {
        int capacity = events.length * 2;
        clients = unwrap(clients, capacity);
        addresses = unwrap(addresses, capacity);
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
