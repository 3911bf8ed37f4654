package io.coaps4j.coaps;

import io.coaps4j.coap.endpoint.Connector;
import io.coaps4j.coap.endpoint.ConnectorSink;
import io.coaps4j.coap.endpoint.UdpConnector;
import io.coaps4j.coap.peer.Peer;
import io.coaps4j.transport.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A node in the NoSec and PreSharedKey modes at once (RFC 7252 section 9): {@code coap://} on one
 * port and {@code coaps://} on another, one endpoint, one engine and one set of resources. Secure
 * peers go to the DTLS connector, all others to the plain one; handlers tell them apart by
 * {@code request.peer().secure()} and guard resources with {@code requireAuthentication()}.
 * <pre>{@code
 * CoapServer.builder()
 *         .connector(DualModeConnector.of(new InetSocketAddress(5683),
 *                 DtlsConnector.builder().bind(new InetSocketAddress(5684)).psk(store).build()))
 * }</pre>
 */
public final class DualModeConnector implements Connector {
    private final Connector plain;
    private final DtlsConnector secure;

    private DualModeConnector(Connector plain, DtlsConnector secure) {
        this.plain = plain;
        this.secure = secure;
    }

    /** {@code plain} must serve {@code coap}. */
    public static DualModeConnector of(Connector plain, DtlsConnector secure) {
        Objects.requireNonNull(plain, "plain");
        Objects.requireNonNull(secure, "secure");
        if (!plain.supports(UdpConnector.SCHEME)) {
            throw new IllegalArgumentException("plain must be a connector for the coap scheme, was " + plain);
        }
        return new DualModeConnector(plain, secure);
    }

    /** Plain UDP on {@code plainBind} beside {@code secure}. */
    public static DualModeConnector of(InetSocketAddress plainBind, DtlsConnector secure) {
        return of(new UdpConnector(plainBind), secure);
    }

    public Connector plain() {
        return plain;
    }

    public DtlsConnector secure() {
        return secure;
    }

    @Override
    public void start(EventLoop loop, ConnectorSink sink) throws IOException {
        plain.start(loop, sink);
        try {
            secure.start(loop, sink);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    @Override
    public void send(Peer peer, byte[] datagram) {
        if (peer instanceof SecurePeer) {
            secure.send(peer, datagram);
        } else {
            plain.send(peer, datagram);
        }
    }

    @Override
    public CompletionStage<Peer> resolve(String scheme, String host, InetSocketAddress address) {
        if (secure.supports(scheme)) {
            return secure.resolve(scheme, host, address);
        }
        if (plain.supports(scheme)) {
            return plain.resolve(scheme, host, address);
        }
        return CompletableFuture.failedFuture(new IllegalArgumentException(
                "scheme '" + scheme + "' is served by neither connector (coap and coaps only)"));
    }

    @Override
    public boolean supports(String scheme) {
        return plain.supports(scheme) || secure.supports(scheme);
    }

    @Override
    public boolean reportsLostPeers() {
        return plain.reportsLostPeers() || secure.reportsLostPeers();
    }

    /** The coaps address; {@link #plainAddress()} is the coap one. */
    @Override
    public InetSocketAddress localAddress() {
        return secure.localAddress();
    }

    public InetSocketAddress plainAddress() {
        return plain.localAddress();
    }

    public InetSocketAddress secureAddress() {
        return secure.localAddress();
    }

    /** Closes the DTLS sessions (close_notify) and both sockets. */
    @Override
    public void close() {
        try {
            secure.close();
        } finally {
            plain.close();
        }
    }

    @Override
    public String toString() {
        return "DualModeConnector[" + plain + ", " + secure + "]";
    }
}
