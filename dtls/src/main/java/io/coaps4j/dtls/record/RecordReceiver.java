package io.coaps4j.dtls.record;

/** Where {@link RecordLayer} hands what it received: accepted records in order, and silent drops. */
public interface RecordReceiver {

    void deliver(DecryptedRecord record);

    /** A record was discarded (RFC 6347 section 4.1.2.7); for counters and diagnostics only. */
    void dropped(DropReason reason);
}
