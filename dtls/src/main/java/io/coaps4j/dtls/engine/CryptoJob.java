package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.alert.MisuseException;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.Transition;

import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * A slow cryptographic operation of one connection's handshake, handed out through {@link DtlsOutput#offload}
 * so that it never stalls the other peers of the event loop (DESIGN.md "Crypto"). The transport runs it once
 * ({@link #run()}, on any thread) and then hands it back, on the connection's own loop, to
 * {@code DtlsServer.resume} or {@code DtlsConnection.resume} with the time. A result for a connection that
 * closed or failed meanwhile is dropped. It holds only what the computation reads; the handshake state that
 * waits for it stays with the connection.
 */
public final class CryptoJob implements Runnable {
    private final DtlsConnection connection;
    private final Transition.Await<?> await;
    private final CryptoJobs bound;
    private Object result;
    private GeneralSecurityException failure;
    /** Written last by {@link #run()}: publishes the result to the loop's thread. */
    private volatile boolean done;
    /** Loop thread only: the job no longer counts against the bound. */
    private boolean released;

    /** @param bound the bound the job counts against, or null when it runs inline without counting */
    CryptoJob(DtlsConnection connection, Transition.Await<?> await, CryptoJobs bound) {
        this.connection = connection;
        this.await = await;
        this.bound = bound;
        this.released = bound == null;
    }

    /**
     * Computes the result; any thread, once.
     *
     * @throws IllegalStateException when it already ran
     */
    @Override
    public void run() {
        if (done) {
            throw new IllegalStateException("the crypto job already ran");
        }
        try {
            result = await.work().compute();
        } catch (GeneralSecurityException e) {
            failure = e;
        }
        done = true;
    }

    /** Whether {@link #run()} has completed. */
    public boolean isDone() {
        return done;
    }

    /** The connection the job belongs to. */
    DtlsConnection connection() {
        return connection;
    }

    /** The job stops counting against the loop's bound; idempotent. */
    void release() {
        if (!released) {
            released = true;
            bound.release();
        }
    }

    /** The waiting state's next transition, from the result. */
    Transition resume(HandshakeContext context) throws DtlsException {
        Objects.requireNonNull(context, "context");
        if (failure != null) {
            throw new MisuseException("the offloaded crypto operation failed: " + failure.getMessage());
        }
        return deliver(await, context);
    }

    @SuppressWarnings("unchecked")
    private <R> Transition deliver(Transition.Await<R> typed, HandshakeContext context) throws DtlsException {
        // The result came from typed.work(), so it is an R.
        return typed.state().onResult((R) result, context);
    }

    @Override
    public String toString() {
        return "CryptoJob[" + connection + ", " + await.state().name() + (done ? ", done" : "") + "]";
    }
}
