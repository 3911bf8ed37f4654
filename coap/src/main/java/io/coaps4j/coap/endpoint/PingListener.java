package io.coaps4j.coap.endpoint;

/**
 * The verdict of a keep-alive ping asked for with {@link ConnectorSink#ping}; called once, on the
 * endpoint's event loop.
 */
@FunctionalInterface
public interface PingListener {

    /**
     * {@code alive}: the peer answered the ping (its RST, or an empty ACK). Otherwise it stayed
     * silent through every retransmission, or the peer was lost or the endpoint closed meanwhile.
     */
    void pinged(boolean alive);
}
