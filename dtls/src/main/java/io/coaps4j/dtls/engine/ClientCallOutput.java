package io.coaps4j.dtls.engine;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Passes the output of a call into a {@link DtlsEndpoint}'s client connection on, noting a completed handshake, so
 * that the endpoint can apply its one-association rule (our new client session closes the server role's session
 * with the same address) once the call returned. One per endpoint, reused for every client call.
 */
final class ClientCallOutput implements DtlsOutput {
    private DtlsOutput downstream;
    private DtlsConnection completed;

    void begin(DtlsOutput out) {
        downstream = Objects.requireNonNull(out, "out");
    }

    DtlsConnection takeCompleted() {
        DtlsConnection taken = completed;
        completed = null;
        return taken;
    }

    @Override
    public void datagram(InetSocketAddress to, byte[] datagram) {
        downstream.datagram(to, datagram);
    }

    @Override
    public void event(DtlsConnection connection, DtlsEvent event) {
        if (event instanceof DtlsEvent.HandshakeCompleted) {
            completed = connection;
        }
        downstream.event(connection, event);
    }

    @Override
    public void offload(CryptoJob job) {
        downstream.offload(job);
    }
}
