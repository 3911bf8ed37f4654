package io.coaps4j.coap.messaging;

import java.time.Duration;

/**
 * The CoAP transmission parameters (RFC 7252 section 4.8) and every time derived from them
 * (section 4.8.2). This record is the one place those numbers come from: change ACK_TIMEOUT here and
 * EXCHANGE_LIFETIME, the deduplication window and the client's give-up time follow.
 *
 * @param ackTimeout      ACK_TIMEOUT, the initial retransmission timeout (default 2 s)
 * @param ackRandomFactor ACK_RANDOM_FACTOR, at least 1 (default 1.5)
 * @param maxRetransmit   MAX_RETRANSMIT, retransmissions of a CON before giving up (default 4)
 * @param nstart          NSTART, outstanding interactions per peer (default 1, section 4.7)
 * @param maxLatency      MAX_LATENCY, the longest a datagram may travel (default 100 s)
 */
public record TransmissionParameters(Duration ackTimeout, double ackRandomFactor, int maxRetransmit, int nstart,
                                     Duration maxLatency) {

    /** The defaults of section 4.8. */
    public static final TransmissionParameters DEFAULT = builder().build();

    public TransmissionParameters {
        requirePositive(ackTimeout, "ackTimeout");
        requirePositive(maxLatency, "maxLatency");
        if (!(ackRandomFactor >= 1.0) || ackRandomFactor > 10.0) {
            throw new IllegalArgumentException("ackRandomFactor must be in [1, 10], was " + ackRandomFactor);
        }
        if (maxRetransmit < 0 || maxRetransmit > 20) {
            throw new IllegalArgumentException("maxRetransmit must be in [0, 20], was " + maxRetransmit);
        }
        if (nstart < 1) {
            throw new IllegalArgumentException("nstart must be at least 1, was " + nstart);
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be set");
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these values. */
    public Builder toBuilder() {
        return new Builder().ackTimeout(ackTimeout).ackRandomFactor(ackRandomFactor).maxRetransmit(maxRetransmit)
                .nstart(nstart).maxLatency(maxLatency);
    }

    /** PROCESSING_DELAY: the time a node takes to turn a CON around, set to ACK_TIMEOUT. */
    public Duration processingDelay() {
        return ackTimeout;
    }

    /** MAX_TRANSMIT_SPAN = ACK_TIMEOUT * (2^MAX_RETRANSMIT - 1) * ACK_RANDOM_FACTOR: first to last transmission. */
    public Duration maxTransmitSpan() {
        return scaled(ackTimeout, ((1L << maxRetransmit) - 1) * ackRandomFactor);
    }

    /** MAX_TRANSMIT_WAIT = ACK_TIMEOUT * (2^(MAX_RETRANSMIT + 1) - 1) * ACK_RANDOM_FACTOR: first transmission to giving up. */
    public Duration maxTransmitWait() {
        return scaled(ackTimeout, ((1L << (maxRetransmit + 1)) - 1) * ackRandomFactor);
    }

    /** MAX_RTT = 2 * MAX_LATENCY + PROCESSING_DELAY. */
    public Duration maxRtt() {
        return maxLatency.multipliedBy(2).plus(processingDelay());
    }

    /** EXCHANGE_LIFETIME = MAX_TRANSMIT_SPAN + 2 * MAX_LATENCY + PROCESSING_DELAY: how long a CON's message ID stays in use. */
    public Duration exchangeLifetime() {
        return maxTransmitSpan().plus(maxLatency.multipliedBy(2)).plus(processingDelay());
    }

    /** NON_LIFETIME = MAX_TRANSMIT_SPAN + MAX_LATENCY: how long a NON's message ID stays in use. */
    public Duration nonLifetime() {
        return maxTransmitSpan().plus(maxLatency);
    }

    private static Duration scaled(Duration base, double factor) {
        return Duration.ofNanos(Math.round(base.toNanos() * factor));
    }

    /** Builds validated parameters; {@link #build()} names the field that is wrong. */
    public static final class Builder {
        private Duration ackTimeout = Duration.ofSeconds(2);
        private double ackRandomFactor = 1.5;
        private int maxRetransmit = 4;
        private int nstart = 1;
        private Duration maxLatency = Duration.ofSeconds(100);

        private Builder() {
        }

        public Builder ackTimeout(Duration value) {
            this.ackTimeout = value;
            return this;
        }

        public Builder ackRandomFactor(double value) {
            this.ackRandomFactor = value;
            return this;
        }

        public Builder maxRetransmit(int value) {
            this.maxRetransmit = value;
            return this;
        }

        public Builder nstart(int value) {
            this.nstart = value;
            return this;
        }

        public Builder maxLatency(Duration value) {
            this.maxLatency = value;
            return this;
        }

        public TransmissionParameters build() {
            return new TransmissionParameters(ackTimeout, ackRandomFactor, maxRetransmit, nstart, maxLatency);
        }
    }
}
