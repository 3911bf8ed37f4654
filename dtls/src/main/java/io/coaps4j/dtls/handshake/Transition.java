package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.record.SecurityAssociation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What handling a message did: the next state, the established session, or a wait for slow crypto; and
 * what to send.
 */
public sealed interface Transition permits Transition.Next, Transition.Completed, Transition.Await {

    /**
     * The handshake goes on in {@code state}. {@code flight}, when not empty, is this side's next
     * flight (so the peer's flight is complete); {@code pendingKeys} are the keys of the next epoch
     * to install before it is sent; {@code activateRead} switches reading to them (the peer's
     * ChangeCipherSpec has arrived).
     */
    record Next(HandshakeState state, List<OutgoingMessage> flight, Optional<SecurityAssociation> pendingKeys,
                boolean activateRead) implements Transition {
        public Next {
            Objects.requireNonNull(state, "state");
            flight = List.copyOf(flight);
            Objects.requireNonNull(pendingKeys, "pendingKeys");
        }
    }

    /**
     * The handshake is complete; {@code finalFlight} (possibly empty) is this side's last flight;
     * {@code resumable} is what a session cache may keep of a full handshake's session.
     */
    record Completed(EstablishedSession session, List<OutgoingMessage> finalFlight,
                     Optional<ResumableSession> resumable) implements Transition {
        public Completed {
            Objects.requireNonNull(session, "session");
            finalFlight = List.copyOf(finalFlight);
            Objects.requireNonNull(resumable, "resumable");
        }

        /** Completed, with nothing to cache. */
        public Completed(EstablishedSession session, List<OutgoingMessage> finalFlight) {
            this(session, finalFlight, Optional.empty());
        }
    }

    /**
     * The handshake waits in {@code state} for the result of {@code work}, which the engine hands to the transport
     * to run off the event loop (or runs inline; the PSK states never wait). Nothing is sent meanwhile but
     * retransmissions of the last flight.
     */
    record Await<R>(AwaitingResult<R> state, CryptoWork<R> work) implements Transition {
        public Await {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(work, "work");
        }
    }

    /** Wait for more messages in {@code state}; nothing to send. */
    static Transition stay(HandshakeState state) {
        return new Next(state, List.of(), Optional.empty(), false);
    }

    /** Go to {@code state} and send {@code flight}. */
    static Transition send(HandshakeState state, List<OutgoingMessage> flight) {
        return new Next(state, flight, Optional.empty(), false);
    }
}
