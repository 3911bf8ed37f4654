package io.coaps4j.dtls.flight;

import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.handshake.HandshakeReassembler;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.message.HandshakeFragment;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.Record;
import io.coaps4j.dtls.record.RecordCodec;
import io.coaps4j.dtls.record.SecurityAssociation;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlightWriterTest {
    private final CryptoContext crypto = CryptoContext.create();

    @Test
    void smallMessagesShareOneDatagram() {
        SecurityAssociation epoch0 = SecurityAssociation.plaintext();
        Flight flight = Flight.of(List.of(
                FlightMessage.handshake(HandshakeType.SERVER_HELLO, 1, new byte[70], epoch0),
                FlightMessage.handshake(HandshakeType.SERVER_HELLO_DONE, 2, new byte[0], epoch0)));

        List<byte[]> datagrams = new FlightWriter(1232).write(flight, crypto);

        assertThat(datagrams).hasSize(1);
        assertThat(RecordCodec.decode(datagrams.get(0), 0, datagrams.get(0).length)).hasSize(2);
        assertThat(datagrams.get(0).length).isEqualTo(2 * 25 + 70);
    }

    @Test
    void eachTransmissionUsesNewRecordSequenceNumbers() {
        SecurityAssociation epoch0 = SecurityAssociation.plaintext(7);
        Flight flight = Flight.of(List.of(FlightMessage.handshake(HandshakeType.CLIENT_HELLO, 0, new byte[40], epoch0)));
        FlightWriter writer = new FlightWriter(1232);

        Record first = RecordCodec.decode(writer.write(flight, crypto).get(0), 0, 65).get(0);
        Record again = RecordCodec.decode(writer.write(flight, crypto).get(0), 0, 65).get(0);

        assertThat(first.sequenceNumber()).isEqualTo(7);
        assertThat(again.sequenceNumber()).isEqualTo(8);
        assertThat(again.fragment()).isEqualTo(first.fragment());
    }

    @Test
    void tooSmallDatagramsAreRefused() {
        assertThatThrownBy(() -> new FlightWriter(63)).hasMessageContaining("at least 64");
    }

    @Property(tries = 200)
    void everyDatagramFitsAndTheMessagesReassemble(@ForAll @Size(min = 1, max = 4) List<@Size(max = 3000) byte[]> bodies,
                                                   @ForAll @IntRange(min = 64, max = 1500) int maxDatagram) {
        SecurityAssociation epoch0 = SecurityAssociation.plaintext();
        List<FlightMessage> messages = new ArrayList<>();
        for (int seq = 0; seq < bodies.size(); seq++) {
            messages.add(FlightMessage.handshake(HandshakeType.CERTIFICATE, seq, bodies.get(seq), epoch0));
        }
        List<byte[]> datagrams = new FlightWriter(maxDatagram).write(Flight.of(messages), crypto);

        HandshakeReassembler inbound = new HandshakeReassembler(0, 4000, 16000, 8);
        List<ReceivedMessage> out = new ArrayList<>();
        for (byte[] datagram : datagrams) {
            assertThat(datagram.length).isLessThanOrEqualTo(maxDatagram);
            for (Record record : RecordCodec.decode(datagram, 0, datagram.length)) {
                assertThat(record.type()).isEqualTo(ContentType.HANDSHAKE);
                byte[] plaintext = record.fragment();
                try {
                    for (HandshakeFragment fragment : HandshakeFragment.decodeAll(plaintext, 0, plaintext.length)) {
                        inbound.offer(fragment, 0);
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                for (ReceivedMessage message; (message = inbound.poll()) != null; ) {
                    out.add(message);
                }
            }
        }
        assertThat(out).extracting(ReceivedMessage::body).containsExactlyElementsOf(bodies);
    }
}
