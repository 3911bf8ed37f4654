package io.coaps4j.bench.loadgen;

import java.nio.ByteBuffer;

/** One simulated client: its transport and its one outstanding request. Touched by one generator thread only. */
final class ClientSlot {
    final ByteBuffer request;
    private final int requestsPerEndpoint;
    ClientTransport transport;
    int messageId;
    int token;
    int sentOnEndpoint;
    long firstSentNanos;
    long lastSentNanos;
    boolean outstanding;
    /** The server sent an empty ACK: the response comes later as a separate message (section 5.2.2). */
    boolean awaitingSeparate;

    ClientSlot(ByteBuffer request, ClientTransport transport, int firstMessageId, int firstToken, int requestsPerEndpoint) {
        this.request = request;
        this.requestsPerEndpoint = requestsPerEndpoint;
        this.transport = transport;
        this.messageId = firstMessageId;
        this.token = firstToken;
    }

    /** RFC 7252 section 4.4: a message ID is not reused within EXCHANGE_LIFETIME, so an endpoint has a budget. */
    boolean endpointExhausted() {
        return sentOnEndpoint >= requestsPerEndpoint;
    }

    /** Moves to a fresh endpoint (new source port), whose message IDs start over. */
    void useEndpoint(ClientTransport fresh, int firstMessageId) {
        this.transport = fresh;
        this.messageId = firstMessageId;
        this.sentOnEndpoint = 0;
    }
}
