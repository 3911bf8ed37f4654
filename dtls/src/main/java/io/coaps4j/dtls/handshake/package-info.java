/**
 * What client and server handshakes share: the immutable {@link io.coaps4j.dtls.handshake.Transcript},
 * the {@link io.coaps4j.dtls.handshake.SessionKeys}, the {@link io.coaps4j.dtls.handshake.HandshakeReassembler}
 * that orders the peer's messages, and the proofs ({@link io.coaps4j.dtls.handshake.FinishedVerified},
 * {@link io.coaps4j.dtls.handshake.PeerAuthenticated}) without which no
 * {@link io.coaps4j.dtls.handshake.EstablishedSession} can be built. Only
 * {@link io.coaps4j.dtls.handshake.FinishedVerifier} in this package issues proofs.
 *
 * <p>Handshake states are immutable values; handling a message returns a
 * {@link io.coaps4j.dtls.handshake.Transition}. The states of each side live in {@code .client} and
 * {@code .server}; the flight retransmission machine, separate from them, in {@code io.coaps4j.dtls.flight}.
 */
package io.coaps4j.dtls.handshake;
