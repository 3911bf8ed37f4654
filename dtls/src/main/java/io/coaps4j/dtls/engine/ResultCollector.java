package io.coaps4j.dtls.engine;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one connection call's output for the methods that return a {@link DtlsResult}. Most calls
 * produce one datagram or one event, so lists are only made for a second element: an immutable
 * one-element list passes through the result's defensive copy as it is. {@link #offload} keeps the default:
 * a call that returns its output as a result has nowhere to hand a job out, so the job runs at once.
 */
final class ResultCollector implements DtlsOutput {
    private List<byte[]> datagrams = List.of();
    private List<DtlsEvent> events = List.of();

    @Override
    public void datagram(InetSocketAddress to, byte[] datagram) {
        datagrams = append(datagrams, datagram);
    }

    @Override
    public void event(DtlsConnection connection, DtlsEvent event) {
        events = append(events, event);
    }

    DtlsResult result(long nextDeadline) {
        return new DtlsResult(datagrams, events, nextDeadline);
    }

    /** {@code list} with {@code item} added: {@code List.of(item)} for the first, an ArrayList from the second on. */
    static <T> List<T> append(List<T> list, T item) {
        if (list.isEmpty()) {
            return List.of(item);
        }
        List<T> grown = list instanceof ArrayList ? list : new ArrayList<>(list);
        grown.add(item);
        return grown;
    }
}
