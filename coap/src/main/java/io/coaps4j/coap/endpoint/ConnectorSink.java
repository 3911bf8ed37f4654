package io.coaps4j.coap.endpoint;

import io.coaps4j.coap.peer.Peer;

/** Where a {@link Connector} delivers what it receives; called on the endpoint's event loop only. */
public interface ConnectorSink {

    /** One CoAP message (plain datagram or decrypted record) from {@code from}; the bytes are valid during the call. */
    void received(Peer from, byte[] data, int offset, int length);

    /** {@code peer} is gone (e.g. its secure session closed): its exchanges fail. */
    void peerLost(Peer peer);
}
