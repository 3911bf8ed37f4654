/**
 * The DTLS 1.2 record layer (RFC 6347 section 4.1): records and their codec, security associations that
 * protect and check records of one epoch (AEAD, replay window), and the per-connection
 * {@link io.coaps4j.dtls.record.RecordLayer} that moves between epochs and drops invalid records silently.
 *
 * <p>{@link io.coaps4j.dtls.record.SecurityAssociation} is the seam for key management: the handshake makes one
 * from its key block, another protocol can install one from its own key material.
 */
package io.coaps4j.dtls.record;
