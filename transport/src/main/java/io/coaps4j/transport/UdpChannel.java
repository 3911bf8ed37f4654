package io.coaps4j.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound, non-blocking UDP socket registered with one {@link EventLoop}. Datagrams are read on the
 * loop into one reused buffer and handed to the {@link DatagramReceiver}; sending is allowed from
 * any thread (the JDK serialises writers) and never blocks: a datagram the kernel cannot take is
 * dropped and counted, as UDP would drop it a hop later anyway.
 */
public final class UdpChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UdpChannel.class);
    /** Asked of the kernel (which may cap it); bursts of requests must not overflow the socket. */
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

    private final EventLoop loop;
    private final DatagramChannel channel;
    private final DatagramReceiver receiver;
    private final InetSocketAddress localAddress;
    /** Used on the loop thread only: one copy into native memory instead of the JDK's per-call buffer lookup. */
    private final ByteBuffer loopSendBuffer = ByteBuffer.allocateDirect(65536);
    private final LongAdder sendFailures = new LongAdder();
    private SelectionKey key;
    private volatile boolean closed;

    UdpChannel(EventLoop loop, DatagramChannel channel, DatagramReceiver receiver) throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.receiver = receiver;
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
    }

    static void tuneBuffers(DatagramChannel channel) {
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
        } catch (IOException e) {
            LOG.debug("could not enlarge socket buffers", e);
        }
    }

    void register(SelectionKey selectionKey) {
        this.key = selectionKey;
    }

    /** The bound address, with the port chosen by the system when bound to port 0. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    public EventLoop loop() {
        return loop;
    }

    /** Sends {@code length} bytes of {@code data} from {@code offset}; false when the datagram was dropped. */
    public boolean send(InetSocketAddress target, byte[] data, int offset, int length) {
        if (closed) {
            return false;
        }
        try {
            int sent;
            if (loop.inEventLoop() && length <= loopSendBuffer.capacity()) {
                ByteBuffer buffer = loopSendBuffer;
                buffer.clear();
                buffer.put(data, offset, length).flip();
                sent = channel.send(buffer, target);
            } else {
                sent = channel.send(ByteBuffer.wrap(data, offset, length), target);
            }
            if (sent == 0) {
                sendFailures.increment();
                return false;
            }
            return true;
        } catch (IOException | RuntimeException e) {
            // Network errors on an unconnected UDP socket concern one datagram only.
            sendFailures.increment();
            if (LOG.isDebugEnabled()) {
                LOG.debug("send to {} failed", target, e);
            }
            return false;
        }
    }

    /** Sends a whole array. */
    public boolean send(InetSocketAddress target, byte[] data) {
        return send(target, data, 0, data.length);
    }

    /** Datagrams dropped on sending since the channel opened. */
    public long sendFailures() {
        return sendFailures.sum();
    }

    void readBatch(ByteBuffer buffer, int maxDatagrams) {
        for (int i = 0; i < maxDatagrams && !closed; i++) {
            InetSocketAddress sender;
            buffer.clear();
            try {
                sender = (InetSocketAddress) channel.receive(buffer);
            } catch (IOException e) {
                if (LOG.isDebugEnabled()) {
                    LOG.debug("receive on {} failed", localAddress, e);
                }
                return;
            }
            if (sender == null) {
                return;
            }
            buffer.flip();
            try {
                receiver.received(this, sender, buffer);
            } catch (Throwable e) {
                LOG.error("datagram receiver on {} failed", localAddress, e);
            }
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the socket. Called off the loop, it returns once the port is free; on the loop, the
     * port is released when the current loop iteration ends.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (loop.inEventLoop()) {
            closeNow();
            return;
        }
        if (loop.isClosed()) {
            loop.close(); // waits until the loop has closed every channel
            return;
        }
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        EventLoop.Closable task = () -> {
            closeNow();
            if (loop.isClosed()) {
                done.countDown();
            } else {
                loop.afterFlush(done::countDown);
            }
        };
        try {
            loop.execute(task);
            done.await();
        } catch (java.util.concurrent.RejectedExecutionException e) {
            loop.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeNow();
        }
    }

    void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing {}", localAddress, e);
        }
        loop.channelClosed(this);
    }
}
