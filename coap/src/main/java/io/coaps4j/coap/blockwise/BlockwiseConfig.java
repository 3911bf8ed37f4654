package io.coaps4j.coap.blockwise;

import java.time.Duration;

/**
 * Validated, immutable configuration of the {@link BlockwiseLayer}; {@link Builder#build()} names the
 * wrong field.
 *
 * @param maxMessageSize     the largest message this node sends (RFC 7252 section 4.6: 1,152 bytes when
 *                           nothing is known of the path); a body that does not fit goes block-wise. The
 *                           endpoint lowers it further to what its connector carries.
 * @param blockSize          preferred block size, 16..1024, a power of two (RFC 7959 section 2.2); the
 *                           smaller of this and the peer's is used, and smaller still when the options
 *                           leave no room for a whole block in {@code maxMessageSize}
 * @param maxBodySize        the largest body reassembled, per transfer, in either role: a request body
 *                           beyond it gets 4.13 with Size1 (section 2.9.3), a response body beyond it
 *                           fails the client's exchange with TRANSFER_FAILED
 * @param maxTransfers       unfinished transfers kept at once, over all peers (server reassemblies and
 *                           sliced responses each); the oldest is evicted to make room, so that a peer
 *                           opening thousands of transfers only loses its own oldest ones
 * @param maxBufferedBytes   bytes of bodies kept at once over all those transfers (oldest evicted first)
 * @param transferLifetime   an unfinished transfer not continued for this long is forgotten
 * @param blockTimeout       how long the client waits for the response to each block it requests
 */
public record BlockwiseConfig(int maxMessageSize, int blockSize, int maxBodySize, int maxTransfers,
                              long maxBufferedBytes, Duration transferLifetime, Duration blockTimeout) {

    /** RFC 7252 section 4.6: 1,024 bytes of payload plus room for the header and options. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1_152;
    public static final int DEFAULT_BLOCK_SIZE = 1_024;
    /** 1 MiB. */
    public static final int DEFAULT_MAX_BODY_SIZE = 1 << 20;

    public static final BlockwiseConfig DEFAULT = builder().build();

    public BlockwiseConfig {
        if (maxMessageSize < 64) {
            throw new IllegalArgumentException("maxMessageSize must be at least 64, was " + maxMessageSize);
        }
        BlockOption.szxOf(blockSize); // names a wrong block size
        if (maxBodySize < 1) {
            throw new IllegalArgumentException("maxBodySize must be positive, was " + maxBodySize);
        }
        if (maxTransfers < 1) {
            throw new IllegalArgumentException("maxTransfers must be at least 1, was " + maxTransfers);
        }
        if (maxBufferedBytes < maxBodySize) {
            throw new IllegalArgumentException("maxBufferedBytes (" + maxBufferedBytes
                    + ") must hold at least one body of maxBodySize (" + maxBodySize + ")");
        }
        if (transferLifetime == null || transferLifetime.isNegative() || transferLifetime.isZero()) {
            throw new IllegalArgumentException("transferLifetime must be positive, was " + transferLifetime);
        }
        if (blockTimeout == null || blockTimeout.isNegative() || blockTimeout.isZero()) {
            throw new IllegalArgumentException("blockTimeout must be positive, was " + blockTimeout);
        }
    }

    /** The preferred SZX. */
    public int szx() {
        return BlockOption.szxOf(blockSize);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().maxMessageSize(maxMessageSize).blockSize(blockSize).maxBodySize(maxBodySize)
                .maxTransfers(maxTransfers).maxBufferedBytes(maxBufferedBytes).transferLifetime(transferLifetime)
                .blockTimeout(blockTimeout);
    }

    public static final class Builder {
        private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
        private int blockSize = DEFAULT_BLOCK_SIZE;
        private int maxBodySize = DEFAULT_MAX_BODY_SIZE;
        private int maxTransfers = 1_000;
        private long maxBufferedBytes = 32L << 20;
        private Duration transferLifetime = Duration.ofSeconds(60);
        private Duration blockTimeout = Duration.ofSeconds(93); // MAX_TRANSMIT_WAIT of the defaults

        private Builder() {
        }

        public Builder maxMessageSize(int value) {
            this.maxMessageSize = value;
            return this;
        }

        public Builder blockSize(int value) {
            this.blockSize = value;
            return this;
        }

        public Builder maxBodySize(int value) {
            this.maxBodySize = value;
            return this;
        }

        public Builder maxTransfers(int value) {
            this.maxTransfers = value;
            return this;
        }

        public Builder maxBufferedBytes(long value) {
            this.maxBufferedBytes = value;
            return this;
        }

        public Builder transferLifetime(Duration value) {
            this.transferLifetime = value;
            return this;
        }

        public Builder blockTimeout(Duration value) {
            this.blockTimeout = value;
            return this;
        }

        public BlockwiseConfig build() {
            return new BlockwiseConfig(maxMessageSize, blockSize, maxBodySize, maxTransfers, maxBufferedBytes,
                    transferLifetime, blockTimeout);
        }
    }
}
