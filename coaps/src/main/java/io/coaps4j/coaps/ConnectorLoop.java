package io.coaps4j.coaps;

import io.coaps4j.coap.endpoint.ConnectorSink;
import io.coaps4j.coap.peer.Peer;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.engine.CryptoJob;
import io.coaps4j.transport.DeadlineHandler;
import io.coaps4j.transport.EventLoop;
import io.coaps4j.transport.UdpChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * What a started {@link DtlsConnector} runs on its event loop: the sans-IO {@link CoapsBinding} wired to
 * the socket (datagrams in and out), the loop's deadline, the resolves waiting for sessions and the
 * offloaded crypto coming back from the {@link CryptoPool}. Event-loop thread only, except
 * {@link #closeResources()}.
 */
final class ConnectorLoop implements CoapsBinding.Output, DeadlineHandler {
    private final EventLoop loop;
    private final CoapsBinding binding;
    private final SessionWaiters waiting = new SessionWaiters();
    private final CryptoPool cryptoPool;
    private volatile UdpChannel channel;
    private boolean closed;

    ConnectorLoop(CoapsConfig config, ConnectorSink sink, EventLoop loop) {
        this.loop = loop;
        this.binding = new CoapsBinding(config, new CryptoContext(config.random(), config.aesKeyCacheSize()), sink, this, loop.nanoTime());
        this.cryptoPool = new CryptoPool(config.cryptoThreads(), config.dtls().maxOffloadedCryptoJobs(),
                "coaps-crypto-" + config.bindAddress().getPort(), loop, this::resume);
    }

    /** Binds the socket and joins the loop's deadlines; any thread, before the first datagram. */
    void open(InetSocketAddress bindAddress) throws IOException {
        // Opening registers on the loop, which publishes this object's state to the loop thread.
        channel = loop.openUdp(bindAddress, (udp, from, datagram) -> {
            if (!closed) {
                RecordTrace.log(false, from, datagram.array(), datagram.arrayOffset() + datagram.position(),
                        datagram.remaining());
                binding.receive(from, datagram.array(), datagram.arrayOffset() + datagram.position(),
                        datagram.remaining(), loop.nanoTime());
            }
        });
        loop.addDeadlineHandler(this);
    }

    /** The socket's address; any thread. */
    InetSocketAddress localAddress() {
        return channel.localAddress();
    }

    CoapsBinding binding() {
        return binding;
    }

    /** {@code result} completes with the session with {@code address}, a handshake started if needed. */
    void resolve(InetSocketAddress address, Optional<String> serverName, CompletableFuture<Peer> result) {
        if (result.isDone()) {
            return; // the request gave up (timeout, cancel) before the loop got here
        }
        if (closed) {
            result.completeExceptionally(HandshakeFailures.connectorClosed(address));
            return;
        }
        waiting.add(address, result);
        binding.connect(address, serverName, loop.nanoTime());
    }

    void send(Peer peer, byte[] message) {
        binding.send(peer, message, loop.nanoTime());
    }

    boolean closeSessionsWith(InetSocketAddress peer) {
        return !closed && binding.closeSessionsWith(peer, loop.nanoTime());
    }

    CoapsMetrics metrics() {
        return binding.metrics();
    }

    List<SecurePeer> sessions() {
        return binding.sessions();
    }

    /** Seals the server sessions for a restart and stops without close_notify; the loop takes nothing more. */
    byte[] exportAndStop(byte[] sealingKey) {
        if (closed) {
            throw new IllegalStateException("the connector is closed already: nothing left to export");
        }
        byte[] export = binding.exportSessionsAndClose(sealingKey);
        waiting.closeAll();
        closed = true;
        loop.removeDeadlineHandler(this);
        return export;
    }

    int importSessions(byte[] export, byte[] sealingKey) throws io.coaps4j.dtls.engine.SessionImportException {
        return binding.importSessions(export, sealingKey, loop.nanoTime());
    }

    /** Ends every session with close_notify and fails the waiting resolves; the loop takes nothing more. */
    void shutdown() {
        if (closed) {
            return;
        }
        binding.closeAll(loop.nanoTime());
        waiting.closeAll();
        closed = true;
        loop.removeDeadlineHandler(this);
    }

    /** Ends the crypto workers and closes the socket (its port is free on return); any thread. */
    void closeResources() {
        cryptoPool.close();
        UdpChannel udp = channel;
        if (udp != null) {
            udp.close();
        }
    }

    /** An offloaded crypto job has run: the binding applies it, unless the connector closed meanwhile. */
    private void resume(CryptoJob job) {
        if (!closed) {
            binding.resume(job, loop.nanoTime());
        }
    }

    // ------------------------------------------------------------- the binding's output

    @Override
    public void datagram(InetSocketAddress to, byte[] datagram) {
        UdpChannel udp = channel;
        if (udp != null) {
            RecordTrace.log(true, to, datagram, 0, datagram.length);
            udp.send(to, datagram, 0, datagram.length);
        }
    }

    @Override
    public void established(SecurePeer peer) {
        waiting.established(peer);
    }

    @Override
    public void unreachable(InetSocketAddress address, Supplier<DtlsHandshakeException> failure) {
        waiting.unreachable(address, failure);
    }

    @Override
    public void offload(CryptoJob job) {
        cryptoPool.offload(job);
    }

    // ----------------------------------------------------------------- the loop's deadline

    @Override
    public long nextDeadline() {
        return closed ? Long.MAX_VALUE : binding.nextDeadline();
    }

    @Override
    public void deadlineReached(long nowNanos) {
        if (!closed) {
            binding.onTimer(nowNanos);
        }
    }
}
