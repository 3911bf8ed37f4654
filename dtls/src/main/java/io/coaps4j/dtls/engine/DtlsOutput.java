package io.coaps4j.dtls.engine;

import java.net.InetSocketAddress;

/**
 * Where an engine call puts what it produces, as it produces it: datagrams to send and events, in
 * order. The calls that take one return only the next deadline, so a transport that implements this
 * once (e.g. writing datagrams to its socket) makes the established path allocate no result objects.
 * The arrays handed over belong to the receiver. Called on the calling thread, during the call.
 */
public interface DtlsOutput {

    /** A datagram to send to {@code to}. */
    void datagram(InetSocketAddress to, byte[] datagram);

    /** An event of {@code connection}, the handle the application keeps for it (its peer is {@code connection.peer()}). */
    void event(DtlsConnection connection, DtlsEvent event);

    /**
     * A slow crypto operation of a handshake (a signature, a signature check, a key agreement), to run off the
     * event loop: call {@link CryptoJob#run()} on any thread, then hand the job back on the connection's own
     * loop to {@code DtlsServer.resume} or {@code DtlsConnection.resume} with the time then. Every job handed
     * out must come back, also when its connection closed meanwhile (it is then dropped), since handed-out
     * jobs count against {@link io.coaps4j.dtls.config.DtlsConfig#maxOffloadedCryptoJobs()}.
     *
     * <p>The default runs the job here, on the calling thread, and the engine applies the result at once:
     * always correct, but the loop waits for the computation. The PSK handshake never offloads.
     */
    default void offload(CryptoJob job) {
        job.run();
    }
}
