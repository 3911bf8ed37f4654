package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.OptionRegistry;
import io.coaps4j.coap.messaging.TransmissionParameters;
import java.time.Duration;

/**
 * Validated, immutable configuration of a {@link CoapEngine}; {@link Builder#build()} names the wrong field.
 *
 * @param transmission            RFC 7252 section 4.8 parameters, from which every lifetime derives
 * @param tokenLength             bytes of random token per request, 1..8 (section 5.3.1: enough randomness
 *                                against off-path spoofing)
 * @param separateResponseAfter   a CON request still unanswered this long after it arrived gets an empty ACK,
 *                                and its response goes out later as a separate CON (section 5.2.2)
 * @param maxDeduplicationEntries bound of the duplicate-detection memory (oldest dropped first when full)
 * @param maxPeers                bound of per-peer state (message-id counters, NSTART queues)
 * @param recognizedOptions       the options this stack understands (section 5.4.1): an unrecognised critical
 *                                option fails a request with 4.02 and rejects a response; unrecognised
 *                                elective options are removed before delivery. The one list of them.
 * @param peersCanBeLost          the transport reports peers gone for good ({@link CoapEngine#peerLost}), whose
 *                                deduplication entries are then dropped at once instead of at expiry; costs one
 *                                small map update per new message, so it is off for transports that never do
 * @param maxMessageSize          the largest encoded CoAP message the transport carries (the endpoint takes it
 *                                from its connector): a request beyond it is refused with
 *                                {@link MessageTooLargeException}, a response beyond it replaced by 5.00
 * @param maxObserversPerPeer     RFC 7641 observers one peer may register; beyond it a GET with Observe is
 *                                served as a plain GET (section 4.1), so memory never grows with registrations
 * @param maxObservers            RFC 7641 observers in total, with the same rule
 */
public record EngineConfig(TransmissionParameters transmission, int tokenLength, Duration separateResponseAfter,
                           int maxDeduplicationEntries, int maxPeers, OptionRegistry recognizedOptions,
                           boolean peersCanBeLost, int maxMessageSize, int maxObserversPerPeer,
                           int maxObservers) {

    /** The largest UDP payload over IPv4 (65,535 minus the IP and UDP headers): the plain transport's limit. */
    public static final int UDP_MAX_MESSAGE_SIZE = 65_507;
    /** Room for the header of an empty message: the smallest limit that lets a ping and an RST through. */
    private static final int MIN_MESSAGE_SIZE = 64;

    /**
     * The standard registry without Block1 and Block2: an engine without the block-wise layer
     * ({@code io.coaps4j.coap.blockwise.BlockwiseLayer}) that claimed to understand them would ignore a
     * client's block size. The endpoint adds them back when it adds the layer (its default).
     */
    public static final OptionRegistry DEFAULT_OPTIONS = OptionRegistry.standard().toBuilder()
            .remove(OptionNumber.BLOCK1).remove(OptionNumber.BLOCK2).build();

    public static final EngineConfig DEFAULT = builder().build();

    public EngineConfig {
        if (transmission == null) {
            throw new IllegalArgumentException("transmission must be set");
        }
        if (tokenLength < 1 || tokenLength > 8) {
            throw new IllegalArgumentException("tokenLength must be 1..8, was " + tokenLength);
        }
        if (separateResponseAfter == null || separateResponseAfter.isNegative()) {
            throw new IllegalArgumentException("separateResponseAfter must be zero or positive, was " + separateResponseAfter);
        }
        if (maxDeduplicationEntries < 1) {
            throw new IllegalArgumentException("maxDeduplicationEntries must be at least 1, was " + maxDeduplicationEntries);
        }
        if (maxObserversPerPeer < 0) {
            throw new IllegalArgumentException("maxObserversPerPeer must be zero or positive, was " + maxObserversPerPeer);
        }
        if (maxObservers < 0) {
            throw new IllegalArgumentException("maxObservers must be zero or positive, was " + maxObservers);
        }
        if (maxPeers < 1) {
            throw new IllegalArgumentException("maxPeers must be at least 1, was " + maxPeers);
        }
        if (recognizedOptions == null) {
            throw new IllegalArgumentException("recognizedOptions must be set");
        }
        if (separateResponseAfter.compareTo(transmission.maxTransmitWait()) >= 0) {
            // The client would have given up before the empty ACK that promises a separate response.
            throw new IllegalArgumentException("separateResponseAfter (" + separateResponseAfter
                    + ") must be shorter than MAX_TRANSMIT_WAIT (" + transmission.maxTransmitWait() + ")");
        }
        if (maxMessageSize < MIN_MESSAGE_SIZE || maxMessageSize > UDP_MAX_MESSAGE_SIZE) {
            throw new IllegalArgumentException("maxMessageSize must be " + MIN_MESSAGE_SIZE + ".." + UDP_MAX_MESSAGE_SIZE
                    + ", was " + maxMessageSize);
        }
    }

    /** The encoded size of {@code request} once the engine gives it a token (its own, or one of {@code tokenLength}). */
    public int requestSize(Message request) {
        int token = request.token().length();
        return MessageCodec.encodedLength(request) - token + (token > 0 ? token : tokenLength);
    }

    /** Refuses a request that would not fit the transport, before anything is sent or any session opened. */
    public void requireFits(Message request) {
        int size = requestSize(request);
        if (size > maxMessageSize) {
            throw new MessageTooLargeException(size, maxMessageSize);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().transmission(transmission).tokenLength(tokenLength)
                .separateResponseAfter(separateResponseAfter).maxDeduplicationEntries(maxDeduplicationEntries)
                .maxPeers(maxPeers).recognizedOptions(recognizedOptions).peersCanBeLost(peersCanBeLost)
                .maxMessageSize(maxMessageSize).maxObserversPerPeer(maxObserversPerPeer).maxObservers(maxObservers);
    }

    public static final class Builder {
        private TransmissionParameters transmission = TransmissionParameters.DEFAULT;
        private int tokenLength = 8;
        private Duration separateResponseAfter = Duration.ofSeconds(1);
        private int maxDeduplicationEntries = 200_000;
        private int maxPeers = 100_000;
        private OptionRegistry recognizedOptions = DEFAULT_OPTIONS;
        private boolean peersCanBeLost;
        private int maxMessageSize = UDP_MAX_MESSAGE_SIZE;
        private int maxObserversPerPeer = 32;
        private int maxObservers = 100_000;

        private Builder() {
        }

        public Builder transmission(TransmissionParameters value) {
            this.transmission = value;
            return this;
        }

        public Builder tokenLength(int value) {
            this.tokenLength = value;
            return this;
        }

        public Builder separateResponseAfter(Duration value) {
            this.separateResponseAfter = value;
            return this;
        }

        public Builder maxDeduplicationEntries(int value) {
            this.maxDeduplicationEntries = value;
            return this;
        }

        public Builder maxPeers(int value) {
            this.maxPeers = value;
            return this;
        }

        public Builder recognizedOptions(OptionRegistry value) {
            this.recognizedOptions = value;
            return this;
        }

        public Builder peersCanBeLost(boolean value) {
            this.peersCanBeLost = value;
            return this;
        }

        /** The largest encoded message the transport carries (default: {@link #UDP_MAX_MESSAGE_SIZE}). */
        public Builder maxMessageSize(int value) {
            this.maxMessageSize = value;
            return this;
        }

        /** RFC 7641 observers one peer may register (default 32); 0 serves every Observe as a plain GET. */
        public Builder maxObserversPerPeer(int value) {
            this.maxObserversPerPeer = value;
            return this;
        }

        /** RFC 7641 observers in total (default 100,000). */
        public Builder maxObservers(int value) {
            this.maxObservers = value;
            return this;
        }

        public EngineConfig build() {
            return new EngineConfig(transmission, tokenLength, separateResponseAfter, maxDeduplicationEntries,
                    maxPeers, recognizedOptions, peersCanBeLost, maxMessageSize, maxObserversPerPeer, maxObservers);
        }
    }
}
