package io.coaps4j.cli.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The life of one {@code coaps4j server} run, seen from outside: when it has started (and where it
 * listens), when it is asked to stop, and when it has stopped. The command line ties the stop request
 * to the JVM shutdown (Ctrl-C, SIGTERM); tests request it directly.
 */
public class ServerLifecycle {
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<List<InetSocketAddress>> endpoints = new AtomicReference<>(List.of());

    /** A lifecycle stopped only by {@link #requestStop()}. */
    public static ServerLifecycle manual() {
        return new ServerLifecycle();
    }

    /** A lifecycle stopped when the JVM shuts down (Ctrl-C, SIGTERM), which then waits for a clean close. */
    public static ServerLifecycle untilJvmShutdown(Duration closeGrace) {
        return new ServerLifecycle() {
            @Override
            void arm() {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    requestStop();
                    awaitStopped(closeGrace);
                }, "coaps4j-shutdown"));
            }
        };
    }

    /** Called by the server command once it is ready to be stopped. */
    void arm() {
    }

    void started(List<InetSocketAddress> boundEndpoints) {
        endpoints.set(List.copyOf(boundEndpoints));
        started.countDown();
    }

    void stopped() {
        started.countDown();
        stopped.countDown();
    }

    /** Asks the server to stop; it closes its endpoints and returns from its command. */
    public void requestStop() {
        stopRequested.countDown();
    }

    void awaitStopRequest() throws InterruptedException {
        stopRequested.await();
    }

    /** Waits until the server listens (or failed to start); returns where it listens, empty if it did not start. */
    public List<InetSocketAddress> awaitStarted(Duration timeout) throws InterruptedException {
        started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return endpoints.get();
    }

    /** Waits until the server has closed its endpoints; returns false on timeout. */
    public boolean awaitStopped(Duration timeout) {
        try {
            return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
