package io.coaps4j.dtls.engine;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

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

    DtlsResult result(long nextDeadline) {
        return new DtlsResult(datagrams, events, nextDeadline);
    }
}
