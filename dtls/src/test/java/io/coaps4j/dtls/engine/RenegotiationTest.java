package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.alert.Alert;
import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.handshake.message.HandshakeFragment;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.DecryptedRecord;
import io.coaps4j.dtls.record.Record;
import io.coaps4j.dtls.record.RecordLayer;
import io.coaps4j.dtls.record.RecordReceiver;
import io.coaps4j.dtls.record.DropReason;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.coaps4j.dtls.engine.Fixture.CLIENT;
import static io.coaps4j.dtls.engine.Fixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** This library never renegotiates (RFC 5746 semantics: a protected hello is refused). */
class RenegotiationTest {
    private final CryptoContext crypto = CryptoContext.create();

    private static byte[] handshake(HandshakeType type, byte[] body) {
        return HandshakeFragment.whole(type.code(), 0, body).encode();
    }

    /** Opens the records of {@code datagram} with {@code layer} and returns the alerts found. */
    private List<Alert> alertsIn(RecordLayer layer, byte[] datagram) {
        List<Alert> alerts = new ArrayList<>();
        layer.receive(crypto, datagram, 0, datagram.length, new RecordReceiver() {
            @Override
            public void deliver(DecryptedRecord record) {
                if (record.type() == ContentType.ALERT) {
                    try {
                        alerts.add(Alert.decode(record.plaintext(), 0, record.plaintext().length));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
            }

            @Override
            public void dropped(DropReason reason) {
                throw new AssertionError("dropped " + reason);
            }
        });
        return alerts;
    }

    @Test
    void protectedClientHelloOnAnEstablishedConnectionGetsNoRenegotiation() {
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        DtlsConnection client = Fixture.client(Fixture.config("c", KEY), 70);
        network.start(CLIENT, client);
        network.run();
        DtlsSession session = server.session(CLIENT).orElseThrow();

        byte[] hello = handshake(HandshakeType.CLIENT_HELLO, new byte[40]);
        byte[] protectedHello = client.recordLayer().protect(crypto, ContentType.HANDSHAKE, hello, 0, hello.length);
        DtlsServer.Result answer = server.receive(CLIENT, protectedHello, network.now);

        assertThat(answer.datagrams()).hasSize(1);
        assertThat(Wire.records(answer.datagrams().get(0).datagram()).get(0).epoch()).isEqualTo(1);
        assertThat(alertsIn(client.recordLayer(), answer.datagrams().get(0).datagram()))
                .containsExactly(Alert.warning(AlertDescription.NO_RENEGOTIATION));
        assertThat(server.session(CLIENT)).containsSame(session);

        network.inject(VirtualNetwork.SERVER, CLIENT, answer.datagrams().get(0).datagram());
        network.run();
        assertThat(client.status()).as("a warning changes nothing").isEqualTo(DtlsConnection.Status.ESTABLISHED);
    }

    @Test
    void helloRequestToAnEstablishedClientGetsNoRenegotiation() {
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        DtlsConnection client = Fixture.client(Fixture.config("c", KEY), 71);
        network.start(CLIENT, client);
        network.run();

        RecordLayer serverRecords = server.connection(CLIENT).orElseThrow().recordLayer();
        byte[] request = handshake(HandshakeType.HELLO_REQUEST, new byte[0]);
        DtlsResult answer = client.receive(serverRecords.protect(crypto, ContentType.HANDSHAKE, request, 0, request.length),
                network.now);

        assertThat(answer.datagrams()).hasSize(1);
        assertThat(alertsIn(serverRecords, answer.datagrams().get(0)))
                .containsExactly(Alert.warning(AlertDescription.NO_RENEGOTIATION));
        assertThat(client.status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
    }

    @Test
    void applicationDataInEpochZeroIsNeverDelivered() {
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        DtlsConnection client = Fixture.client(Fixture.config("c", KEY), 72);
        network.start(CLIENT, client);
        network.runUntil(Fixture.ms(1_000));

        byte[] forged = Wire.datagram(new Record(ContentType.APPLICATION_DATA,
                io.coaps4j.dtls.record.ProtocolVersion.DTLS_1_2, 0, 99, new byte[] {1, 2, 3}));
        DtlsServer.Result result = server.receive(CLIENT, forged, network.now);

        assertThat(result.events()).isEmpty();
        assertThat(server.metrics().recordsDropped(DropReason.EPOCH0_APPLICATION_DATA)).isEqualTo(1);

        // Once the handshake is over and its last flight released, epoch 0 is not read at all.
        network.run();
        assertThat(server.receive(CLIENT, forged, network.now).events()).isEmpty();
        assertThat(server.metrics().recordsDropped(DropReason.UNKNOWN_EPOCH)).isEqualTo(1);
    }
}
