package io.coaps4j.dtls.engine;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/** Collects one connection call's output for the methods that return a {@link DtlsResult}. */
final class ResultCollector implements DtlsOutput {
    private final List<byte[]> datagrams = new ArrayList<>(2);
    private final List<DtlsEvent> events = new ArrayList<>(1);

    @Override
    public void datagram(InetSocketAddress to, byte[] datagram) {
        datagrams.add(datagram);
    }

    @Override
    public void event(InetSocketAddress peer, DtlsEvent event) {
        events.add(event);
    }

    /** Runs {@code call} (which returns the next deadline) with a new collector and returns what it produced. */
    static DtlsResult collect(ToLongFunction<DtlsOutput> call) {
        ResultCollector collector = new ResultCollector();
        long nextDeadline = call.applyAsLong(collector);
        return new DtlsResult(collector.datagrams, collector.events, nextDeadline);
    }
}
