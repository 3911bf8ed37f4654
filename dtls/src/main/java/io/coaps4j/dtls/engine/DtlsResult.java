package io.coaps4j.dtls.engine;

import java.util.List;

/**
 * What one call to a connection produced: datagrams to send to the peer, events in order, and when
 * the connection next wants {@code onTimer} ({@link #NO_DEADLINE} for never).
 */
public record DtlsResult(List<byte[]> datagrams, List<DtlsEvent> events, long nextDeadline) {
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    public DtlsResult {
        datagrams = List.copyOf(datagrams);
        events = List.copyOf(events);
    }

    public boolean isEmpty() {
        return datagrams.isEmpty() && events.isEmpty();
    }
}
