package io.coaps4j.coap.endpoint;

import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.peer.Peer;
import io.coaps4j.transport.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

/**
 * How a {@link Peer}'s bytes reach the network: the seam between the CoAP engine and a transport.
 * The plain {@link UdpConnector} sends datagrams as they are; a DTLS connector protects them in the
 * peer's session and hands decrypted messages in with a secure {@code Peer} (address, session,
 * epoch, principal). The engine never sees a socket.
 *
 * <p>Threading: {@link #start} is called once; afterwards {@link #send} is called, and the
 * {@link ConnectorSink} must be called, only on the given event loop. {@link #resolve} and
 * {@link #close} may be called from any thread.
 */
public interface Connector extends AutoCloseable {

    /** Opens the connector's sockets on {@code loop} and starts feeding {@code sink}. */
    void start(EventLoop loop, ConnectorSink sink) throws IOException;

    /** Sends one CoAP message to exactly this peer object (its session and epoch included). */
    void send(Peer peer, byte[] datagram);

    /**
     * The peer to send to for a {@code scheme} URI whose host is {@code host} (as written in the URI,
     * without IPv6 brackets: a DNS name or an address literal), resolved to {@code address}. Completes at
     * once for {@code coap}; a secure connector completes once a session is established, so that no
     * request leaves before the handshake (RFC 7252 section 9.1.7), and may use a DNS name as the TLS
     * server name (RFC 6066). Fails for a scheme it does not serve.
     */
    CompletionStage<Peer> resolve(String scheme, String host, InetSocketAddress address);

    /** True when this connector serves {@code scheme} (lower case, e.g. "coap"). */
    boolean supports(String scheme);

    /**
     * True when this connector calls {@link ConnectorSink#peerLost} (e.g. when a secure session
     * closes): the endpoint then has its engine drop a lost peer's deduplication state at once
     * ({@code EngineConfig.peersCanBeLost}), which costs a little on every new message.
     */
    default boolean reportsLostPeers() {
        return false;
    }

    /**
     * The largest CoAP message, in bytes, this connector can carry in one datagram or record: the
     * engine refuses to send a larger one (the client's request fails, a server's response becomes
     * 5.00) instead of letting it vanish. Default: the largest UDP payload over IPv4, 65,507.
     */
    default int maxMessageSize() {
        return EngineConfig.UDP_MAX_MESSAGE_SIZE;
    }

    /** The local address, once started. */
    InetSocketAddress localAddress();

    /** Closes the sockets; the port is free when this returns. */
    @Override
    void close();
}
