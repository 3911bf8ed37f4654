package io.coaps4j.coaps;

import io.coaps4j.coap.endpoint.ConnectorSink;
import io.coaps4j.coap.endpoint.PingListener;
import io.coaps4j.coap.peer.Peer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A connector's sink that records what reaches the CoAP side, for tests that drive a connector directly. */
final class RecordingSink implements ConnectorSink {
    record Received(Peer from, byte[] data) {
    }

    /** A keep-alive ping the connector asked for; the test answers it through {@code listener}. */
    record PingRequest(Peer peer, Duration ackTimeout, int maxRetransmit, PingListener listener) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<Peer> lost = new CopyOnWriteArrayList<>();
    final List<PingRequest> pings = new CopyOnWriteArrayList<>();

    @Override
    public void received(Peer from, byte[] data, int offset, int length) {
        received.add(new Received(from, Arrays.copyOfRange(data, offset, offset + length)));
    }

    @Override
    public void peerLost(Peer peer) {
        lost.add(peer);
    }

    @Override
    public void ping(Peer peer, Duration ackTimeout, int maxRetransmit, PingListener listener) {
        pings.add(new PingRequest(peer, ackTimeout, maxRetransmit, listener));
    }
}
