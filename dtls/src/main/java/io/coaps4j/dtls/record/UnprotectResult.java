package io.coaps4j.dtls.record;

/** What {@link SecurityAssociation#unprotect} makes of a record: its plaintext, or why it was dropped. */
public sealed interface UnprotectResult permits DecryptedRecord, DroppedRecord {
}
