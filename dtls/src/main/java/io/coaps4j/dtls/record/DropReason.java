package io.coaps4j.dtls.record;

/** Why the record layer discarded a record silently (RFC 6347 section 4.1.2.7). */
public enum DropReason {
    /** Header or length inconsistent with the datagram, or an unknown content type. */
    MALFORMED,
    /** A fragment longer than RFC 5246 section 6.2 allows (2^14 plaintext, 2^14 + 2048 ciphertext). */
    OVERSIZED,
    /** A record version other than DTLS 1.2 (or DTLS 1.0 in epoch 0). */
    BAD_VERSION,
    /** An epoch this connection has no keys for and does not expect next. */
    UNKNOWN_EPOCH,
    /** A record of the next epoch that could not be kept until its keys arrive (buffer full). */
    FUTURE_EPOCH,
    /** The AEAD tag did not verify. */
    BAD_TAG,
    /** A sequence number already received or left of the replay window (RFC 6347 section 4.1.2.6). */
    REPLAY,
    /** Application data without protection: never delivered (RFC 6347 section 4.1). */
    EPOCH0_APPLICATION_DATA,
    /**
     * A connection ID that is not this connection's, a tls12_cid record where no CID was negotiated, or a
     * protected record without the CID that was negotiated (RFC 9146 section 4: "MUST be dropped").
     */
    BAD_CID
}
