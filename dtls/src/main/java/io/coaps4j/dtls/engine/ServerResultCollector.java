package io.coaps4j.dtls.engine;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Collects one server call's output for the {@link DtlsServer} methods that return a {@link DtlsServer.Result}, as
 * {@link ResultCollector} does for a connection: lists are only made for a second element.
 */
final class ServerResultCollector implements DtlsOutput {
    private List<DtlsServer.Outbound> datagrams = List.of();
    private List<DtlsServer.PeerEvent> events = List.of();

    @Override
    public void datagram(InetSocketAddress to, byte[] datagram) {
        datagrams = ResultCollector.append(datagrams, new DtlsServer.Outbound(to, datagram));
    }

    @Override
    public void event(DtlsConnection connection, DtlsEvent event) {
        events = ResultCollector.append(events, new DtlsServer.PeerEvent(connection, event));
    }

    DtlsServer.Result result(long nextDeadline) {
        return new DtlsServer.Result(datagrams, events, nextDeadline);
    }
}
