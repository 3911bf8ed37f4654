package io.coaps4j.attack;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.engine.DtlsEvent;
import io.coaps4j.dtls.engine.DtlsMetrics;
import io.coaps4j.dtls.engine.DtlsServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Our sans-IO DTLS server ({@link DtlsServer}) on a UDP socket on loopback (port 0), served by one thread on the
 * real clock because the attacker runs on it too. The test thread sees the events through {@link #events()} and
 * asks the server about its state with {@link #inspect}, which runs on the serving thread (the engine is not
 * thread-safe). A failure inside the engine (an exception escaping {@code receive}) is kept and reported by
 * {@link #assertHealthy()}: bad input must never crash it.
 */
final class OurDtlsServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final DtlsServer server;
    private final long origin = System.nanoTime();
    private final List<DtlsServer.PeerEvent> events = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Throwable> crashes = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private OurDtlsServer(DtlsConfig config) throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server = new DtlsServer(config, CryptoContext.create(), new DtlsMetrics(), now());
        thread = new Thread(this::serve, "our-dtls-server");
        thread.setDaemon(true);
    }

    static OurDtlsServer start(DtlsConfig config) {
        try {
            OurDtlsServer started = new OurDtlsServer(config);
            started.thread.start();
            return started;
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    int port() {
        return socket.getLocalPort();
    }

    List<DtlsServer.PeerEvent> events() {
        return events;
    }

    /** How many events the server reported so far: a mark for {@link #eventsOf(int, int)}. */
    int eventMark() {
        return events.size();
    }

    /**
     * The events on connections with the peer at {@code port} on loopback since {@code mark}: the kernel hands out ephemeral ports again, so
     * an earlier case's client may have had the same port.
     */
    List<DtlsEvent> eventsOf(int peerPort, int mark) {
        List<DtlsServer.PeerEvent> all = List.copyOf(events);
        return all.subList(Math.min(mark, all.size()), all.size()).stream()
                .filter(e -> e.peer().getPort() == peerPort).map(DtlsServer.PeerEvent::event).toList();
    }

    /** Runs {@code question} on the serving thread and returns its answer. */
    <T> T inspect(Function<DtlsServer, T> question) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                answer.complete(question.apply(server));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the server did not answer", e);
        }
    }

    /** Waits until an event matches {@code wanted} (events arrive on the serving thread); false after {@code timeout}. */
    boolean awaitEvent(Predicate<DtlsServer.PeerEvent> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (events.stream().anyMatch(wanted)) {
                return true;
            }
            inspect(server -> null); // one more turn of the serving loop
        }
        return events.stream().anyMatch(wanted);
    }

    void assertHealthy() {
        if (!crashes.isEmpty()) {
            AssertionError error = new AssertionError("the server threw while serving: " + crashes.get(0));
            crashes.forEach(error::addSuppressed);
            throw error;
        }
    }

    private long now() {
        return System.nanoTime() - origin;
    }

    private void serve() {
        byte[] buffer = new byte[65_536];
        while (running) {
            for (Runnable task; (task = tasks.poll()) != null; ) {
                task.run();
            }
            try {
                long wait = (server.nextDeadline() - now()) / 1_000_000L;
                socket.setSoTimeout((int) Math.max(1, Math.min(wait, 10)));
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                DtlsServer.Result result;
                try {
                    socket.receive(packet);
                    result = server.receive((InetSocketAddress) packet.getSocketAddress(), packet.getData(), 0,
                            packet.getLength(), now());
                } catch (SocketTimeoutException idle) {
                    result = server.onTimer(now());
                }
                for (DtlsServer.Outbound out : result.datagrams()) {
                    socket.send(new DatagramPacket(out.datagram(), out.datagram().length, out.to()));
                }
                events.addAll(result.events());
            } catch (IOException e) {
                if (running) {
                    crashes.add(e);
                }
            } catch (RuntimeException | Error e) {
                crashes.add(e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        socket.close();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
