/**
 * What client and server handshakes share: the immutable {@link io.coaps4j.dtls.handshake.Transcript},
 * the {@link io.coaps4j.dtls.handshake.SessionKeys}, the {@link io.coaps4j.dtls.handshake.HandshakeReassembler}
 * that orders the peer's messages, and the proofs ({@link io.coaps4j.dtls.handshake.FinishedVerified},
 * {@link io.coaps4j.dtls.handshake.PeerAuthenticated}, resting on a
 * {@link io.coaps4j.dtls.handshake.PeerEvidence} per security mode) without which no
 * {@link io.coaps4j.dtls.handshake.EstablishedSession} can be built. Only the verifiers of this package
 * ({@link io.coaps4j.dtls.handshake.FinishedVerifier}, {@link io.coaps4j.dtls.handshake.PublicKeyVerifier})
 * issue proofs.
 *
 * <p>Handshake states are immutable values; handling a message returns a
 * {@link io.coaps4j.dtls.handshake.Transition}; a state that needs slow crypto returns
 * {@link io.coaps4j.dtls.handshake.Transition.Await} and waits, as an
 * {@link io.coaps4j.dtls.handshake.AwaitingResult}, for its {@link io.coaps4j.dtls.handshake.CryptoWork} to be
 * computed off the event loop. The states of each side live in {@code .client} and
 * {@code .server}; the flight retransmission machine, separate from them, in {@code io.coaps4j.dtls.flight}.
 */
package io.coaps4j.dtls.handshake;
