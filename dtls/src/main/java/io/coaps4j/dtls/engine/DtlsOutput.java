package io.coaps4j.dtls.engine;

import java.net.InetSocketAddress;

/**
 * Where an engine call puts what it produces, as it produces it: datagrams to send and events, in
 * order. The calls that take one return only the next deadline, so a transport that implements this
 * once (e.g. writing datagrams to its socket) makes the established path allocate no result objects.
 * The arrays handed over belong to the receiver. Called on the calling thread, during the call.
 */
public interface DtlsOutput {

    /** A datagram to send to {@code to}. */
    void datagram(InetSocketAddress to, byte[] datagram);

    /** An event of {@code connection}, the handle the application keeps for it (its peer is {@code connection.peer()}). */
    void event(DtlsConnection connection, DtlsEvent event);
}
