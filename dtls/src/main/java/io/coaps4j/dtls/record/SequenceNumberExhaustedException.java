package io.coaps4j.dtls.record;

/**
 * Thrown when an association has used its last sequence number (2^48 - 1): DTLS must not let it wrap, the
 * connection needs new keys or must close (RFC 6347 section 4.1).
 */
public final class SequenceNumberExhaustedException extends IllegalStateException {
    public SequenceNumberExhaustedException(int epoch) {
        super("write sequence numbers of epoch " + epoch + " are exhausted; a new association is needed");
    }
}
