package io.coaps4j.dtls.flight;

import java.util.List;

/**
 * The messages one side sends in one go and retransmits as a unit (RFC 6347 section 4.2.4).
 * Immutable; whether more flights follow decides how the retransmission machine treats it.
 */
public record Flight(List<FlightMessage> messages, boolean last) {
    public Flight {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a flight holds at least one message");
        }
    }

    /** A flight after which the peer is expected to answer. */
    public static Flight of(List<FlightMessage> messages) {
        return new Flight(messages, false);
    }

    /** The final flight of a handshake: no answer is expected (RFC 6347 section 4.2.4, FINISHED). */
    public static Flight last(List<FlightMessage> messages) {
        return new Flight(messages, true);
    }
}
