package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.flight.Flight;
import io.coaps4j.dtls.flight.FlightMessage;
import io.coaps4j.dtls.handshake.OutgoingMessage;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.record.RecordLayer;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the messages a handshake state returns into a {@link Flight}: each message bound to the write epoch it goes
 * in, a ChangeCipherSpec switching writing to the pending keys (RFC 6347 section 4.2.4: a retransmission repeats the
 * flight's epochs). Apart from {@link ConnectionHandshake}, which sends and retransmits it.
 */
final class HandshakeFlights {
    private HandshakeFlights() {
    }

    /**
     * The flight of {@code messages}, the handshake's {@code last} or not; a ChangeCipherSpec among them activates
     * the pending write keys of {@code records}.
     */
    static Flight build(List<OutgoingMessage> messages, boolean last, RecordLayer records, DtlsMetrics metrics) {
        List<FlightMessage> flight = new ArrayList<>(messages.size());
        for (OutgoingMessage message : messages) {
            if (message instanceof OutgoingMessage.Handshake handshake) {
                if (handshake.message().type() == HandshakeType.NEW_SESSION_TICKET) {
                    metrics.ticketIssued(); // after a full handshake, or renewing one (RFC 5077 3.3, 3.4)
                }
                flight.add(FlightMessage.handshake(handshake.message(), handshake.messageSeq(),
                        records.writeAssociation()));
            } else {
                flight.add(FlightMessage.changeCipherSpec(records.writeAssociation()));
                records.activatePendingWrite();
            }
        }
        return new Flight(flight, last);
    }
}
