package io.coaps4j.coap.endpoint;

import io.coaps4j.coap.peer.Peer;
import java.time.Duration;

/** Where a {@link Connector} delivers what it receives; called on the endpoint's event loop only. */
public interface ConnectorSink {

    /** One CoAP message (plain datagram or decrypted record) from {@code from}; the bytes are valid during the call. */
    void received(Peer from, byte[] data, int offset, int length);

    /** {@code peer} is gone (e.g. its secure session closed): its exchanges fail. */
    void peerLost(Peer peer);

    /**
     * Asks the CoAP engine to ping {@code peer} for dead-peer detection: an empty CON (RFC 7252
     * section 4.3) with a message ID from the engine's own counter for the peer, sent after any
     * request NSTART holds back, retransmitted after exactly {@code ackTimeout} and then with the
     * timeout doubled, at most {@code maxRetransmit} times (0..20). {@code listener} hears once
     * whether the peer answered; a connector never encodes CoAP itself.
     */
    void ping(Peer peer, Duration ackTimeout, int maxRetransmit, PingListener listener);
}
