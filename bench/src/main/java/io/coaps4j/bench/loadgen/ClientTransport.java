package io.coaps4j.bench.loadgen;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.time.Duration;

/**
 * How one load-generator client reaches the server: one local endpoint (its own source port, because a
 * CoAP server keeps message-ID deduplication per endpoint, RFC 7252 section 4.5) and whatever protection
 * the binding adds. Plain UDP passes CoAP messages through ({@link PlainUdpTransport}); DTLS runs its
 * handshake in {@link #connect} and protects each message in {@link #send} and {@link #receive}
 * ({@link DtlsClientTransport}).
 *
 * <p>After {@code connect} a transport is used by one generator thread only, non-blocking.
 */
public interface ClientTransport extends Closeable {
    /** {@link #receive} found no datagram waiting. */
    int NOTHING_WAITING = 0;
    /** {@link #receive} consumed a datagram that carried no CoAP message (e.g. a handshake record). */
    int NO_MESSAGE = 1;
    /** {@link #receive} left a CoAP message in the buffer. */
    int MESSAGE = 2;

    /** Opens one client's transport towards a server; each call gives a new local endpoint. */
    @FunctionalInterface
    interface Factory {
        ClientTransport open(InetSocketAddress server) throws IOException;

        /**
         * A factory whose transports are opened and used by one thread at a time. Transports with per-thread
         * state (a DTLS crypto context, which is not thread-safe) return a fresh factory; stateless ones themselves.
         */
        default Factory forOneThread() {
            return this;
        }
    }

    /**
     * Makes the transport ready to carry CoAP messages (a DTLS handshake, for instance), blocking at most
     * {@code timeout}, and leaves {@link #channel()} non-blocking.
     */
    void connect(Duration timeout) throws IOException;

    /** The channel a generator's selector watches for this client's datagrams. */
    SelectableChannel channel();

    /** Sends the CoAP message between the position and limit of {@code coapMessage}; may drop it when the socket is full. */
    void send(ByteBuffer coapMessage) throws IOException;

    /**
     * Reads at most one waiting datagram. On {@link #MESSAGE} the CoAP message is between position 0 and
     * the limit of {@code coapOut} (cleared by the caller before the call).
     */
    int receive(ByteBuffer coapOut) throws IOException;
}
