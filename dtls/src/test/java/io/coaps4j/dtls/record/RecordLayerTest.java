package io.coaps4j.dtls.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.crypto.KeyBlock;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordLayerTest {
    private final CryptoContext crypto = CryptoContext.create();
    private final KeyBlock keys = Associations.keyBlock(7);
    private final RecordLayer client = new RecordLayer();
    private final RecordLayer server = new RecordLayer();
    private final CollectingReceiver atServer = new CollectingReceiver();

    @BeforeEach
    void bothSidesHaveNegotiatedEpochOne() {
        client.installPending(Associations.client(1, keys));
        server.installPending(Associations.server(1, keys));
    }

    @Test
    void startsInPlaintextEpochZero() {
        RecordLayer fresh = new RecordLayer();
        assertThat(fresh.readEpoch()).isZero();
        assertThat(fresh.writeEpoch()).isZero();
        assertThat(fresh.readAssociation().isProtected()).isFalse();
        assertThat(fresh.pendingAssociation()).isEmpty();
    }

    @Test
    void changeCipherSpecAndFinishedInOneDatagramSwitchEpochsMidDatagram() {
        byte[] ccs = text(client, ContentType.CHANGE_CIPHER_SPEC, "\u0001");
        client.activatePendingWrite();
        byte[] finished = text(client, ContentType.HANDSHAKE, "finished");
        assertThat(client.writeEpoch()).isEqualTo(1);
        assertThat(client.readEpoch()).isZero();

        RecordReceiver switching = new CollectingReceiver() {
            @Override
            public void deliver(DecryptedRecord record) {
                super.deliver(record);
                atServer.deliver(record);
                if (record.type() == ContentType.CHANGE_CIPHER_SPEC) {
                    server.activatePendingRead(crypto, this);
                }
            }
        };
        byte[] datagram = RecordCodecTest.concat(ccs, finished);
        server.receive(crypto, datagram, 0, datagram.length, switching);

        assertThat(atServer.delivered).extracting(DecryptedRecord::epoch).containsExactly(0, 1);
        assertThat(atServer.deliveredTexts()).containsExactly("\u0001", "finished");
        assertThat(server.readEpoch()).isEqualTo(1);
        assertThat(server.writeEpoch()).isZero();
        assertThat(server.pendingAssociation()).isPresent();
        server.activatePendingWrite();
        assertThat(server.pendingAssociation()).isEmpty();
    }

    @Test
    void aFinishedArrivingBeforeTheChangeCipherSpecIsBufferedUntilTheSwitch() {
        byte[] ccs = text(client, ContentType.CHANGE_CIPHER_SPEC, "\u0001");
        client.activatePendingWrite();
        byte[] finished = text(client, ContentType.HANDSHAKE, "finished");

        receive(server, finished, atServer);
        assertThat(atServer.delivered).isEmpty();
        assertThat(atServer.dropped).isEmpty();
        assertThat(server.bufferedRecords()).isEqualTo(1);

        receive(server, ccs, atServer);
        server.activatePendingRead(crypto, atServer);
        assertThat(atServer.deliveredTexts()).containsExactly("\u0001", "finished");
        assertThat(server.bufferedRecords()).isZero();
    }

    @Test
    void theNextEpochBufferIsBounded() {
        client.activatePendingWrite();
        for (int i = 0; i < RecordLayer.MAX_BUFFERED_RECORDS + 2; i++) {
            receive(server, text(client, ContentType.APPLICATION_DATA, "early " + i), atServer);
        }
        assertThat(server.bufferedRecords()).isEqualTo(RecordLayer.MAX_BUFFERED_RECORDS);
        assertThat(atServer.dropped).containsExactly(DropReason.FUTURE_EPOCH, DropReason.FUTURE_EPOCH);

        server.activatePendingRead(crypto, atServer);
        assertThat(atServer.deliveredTexts()).hasSize(RecordLayer.MAX_BUFFERED_RECORDS).startsWith("early 0");
    }

    @Test
    void theNextEpochBufferIsBoundedInBytes() {
        client.activatePendingWrite();
        receive(server, client.protect(crypto, ContentType.APPLICATION_DATA, new byte[5000], 0, 5000), atServer);
        receive(server, client.protect(crypto, ContentType.APPLICATION_DATA, new byte[5000], 0, 5000), atServer);
        assertThat(server.bufferedRecords()).isEqualTo(1);
        assertThat(atServer.dropped).containsExactly(DropReason.FUTURE_EPOCH);
    }

    @Test
    void epochsBeyondTheNextAreDropped() {
        RecordLayer epoch2 = new RecordLayer(Associations.client(2, keys));
        receive(server, text(epoch2, ContentType.HANDSHAKE, "too far"), atServer);
        assertThat(atServer.dropped).containsExactly(DropReason.UNKNOWN_EPOCH);
        assertThat(server.bufferedRecords()).isZero();
    }

    @Test
    void epochZeroApplicationDataIsNeverDelivered() {
        receive(server, text(client, ContentType.APPLICATION_DATA, "sneaky"), atServer);
        establish();
        receive(server, text(new RecordLayer(), ContentType.APPLICATION_DATA, "sneaky again"), atServer);
        assertThat(atServer.delivered).isEmpty();
        assertThat(atServer.dropped).containsExactly(DropReason.EPOCH0_APPLICATION_DATA,
                DropReason.EPOCH0_APPLICATION_DATA);
    }

    @Test
    void thePreviousReadEpochServesRetransmittedFlightsUntilDiscarded() {
        establish();
        RecordLayer retransmitting = new RecordLayer();
        receive(server, text(retransmitting, ContentType.HANDSHAKE, "client key exchange again"), atServer);
        assertThat(atServer.delivered).singleElement().satisfies(r -> assertThat(r.epoch()).isZero());
        assertThat(server.previousReadAssociation()).isPresent();

        server.discardPreviousRead();
        receive(server, text(retransmitting, ContentType.HANDSHAKE, "and again"), atServer);
        assertThat(atServer.delivered).hasSize(1);
        assertThat(atServer.dropped).containsExactly(DropReason.UNKNOWN_EPOCH);
    }

    @Test
    void aBadRecordInTheMiddleOfADatagramDoesNotStopTheOthers() {
        establish();
        byte[] first = text(client, ContentType.APPLICATION_DATA, "one");
        byte[] forged = text(client, ContentType.APPLICATION_DATA, "two");
        forged[forged.length - 1] ^= 1;
        byte[] third = text(client, ContentType.APPLICATION_DATA, "three");
        receive(server, RecordCodecTest.concat(first, forged, third, first), atServer);

        assertThat(atServer.deliveredTexts()).containsExactly("one", "three");
        assertThat(atServer.dropped).containsExactly(DropReason.BAD_TAG, DropReason.REPLAY);
        assertThat(atServer.counters.total()).isEqualTo(2);
        assertThat(atServer.counters.count(DropReason.BAD_TAG)).isEqualTo(1);
    }

    @Test
    void aTruncatedTailIsDroppedAfterTheCompleteRecords() {
        establish();
        byte[] first = text(client, ContentType.APPLICATION_DATA, "whole");
        byte[] second = text(client, ContentType.APPLICATION_DATA, "cut");
        receive(server, RecordCodecTest.concat(first, Arrays.copyOf(second, second.length - 4)), atServer);
        assertThat(atServer.deliveredTexts()).containsExactly("whole");
        assertThat(atServer.dropped).containsExactly(DropReason.MALFORMED);
    }

    @Test
    void versionsOtherThanDtls12AreDroppedExceptDtls10InEpochZero() {
        byte[] hello = text(new RecordLayer(), ContentType.HANDSHAKE, "client hello");
        hello[2] = (byte) 255; // DTLS 1.0 record version, as some clients send their first ClientHello
        receive(server, hello, atServer);
        byte[] tls = text(new RecordLayer(), ContentType.HANDSHAKE, "tls");
        tls[1] = 3;
        tls[2] = 3;
        receive(server, tls, atServer);
        establish();
        byte[] protectedOld = text(client, ContentType.APPLICATION_DATA, "x");
        protectedOld[2] = (byte) 255;
        receive(server, protectedOld, atServer);

        assertThat(atServer.deliveredTexts()).containsExactly("client hello");
        assertThat(atServer.dropped).containsExactly(DropReason.BAD_VERSION, DropReason.BAD_VERSION);
    }

    @Test
    void anAssociationInstalledByAnotherKeyManagementProtocolWorksWithoutAHandshake() {
        KeyBlock e2eKeys = Associations.keyBlock(99);
        RecordLayer a = new RecordLayer(Associations.client(1, e2eKeys));
        RecordLayer b = new RecordLayer(Associations.server(1, e2eKeys));
        CollectingReceiver atA = new CollectingReceiver();
        receive(b, text(a, ContentType.APPLICATION_DATA, "GET /temp"), atServer);
        receive(a, text(b, ContentType.APPLICATION_DATA, "2.05 21 C"), atA);
        assertThat(atServer.deliveredTexts()).containsExactly("GET /temp");
        assertThat(atA.deliveredTexts()).containsExactly("2.05 21 C");
        assertThat(a.protectedLength(10)).isEqualTo(13 + 8 + 10 + 8);
    }

    @Test
    void epochTransitionsAreChecked() {
        assertThatThrownBy(() -> client.installPending(Associations.client(2, keys)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be for epoch 1");
        client.installPending(Associations.client(1, Associations.keyBlock(8))); // replaces: not yet active
        client.activatePendingWrite();
        assertThatThrownBy(client::activatePendingWrite).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> client.installPending(Associations.client(1, keys)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already active");
        client.activatePendingRead(crypto, atServer);
        assertThatThrownBy(() -> client.activatePendingRead(crypto, atServer))
                .isInstanceOf(IllegalStateException.class);
        client.installPending(Associations.client(2, keys));
        assertThat(client.pendingAssociation()).map(SecurityAssociation::epoch).contains(2);
    }

    private void establish() {
        client.activatePendingWrite();
        client.activatePendingRead(crypto, new CollectingReceiver());
        server.activatePendingWrite();
        server.activatePendingRead(crypto, atServer);
    }

    private void receive(RecordLayer layer, byte[] datagram, RecordReceiver receiver) {
        layer.receive(crypto, datagram, 0, datagram.length, receiver);
    }

    private byte[] text(RecordLayer layer, ContentType type, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return layer.protect(crypto, type, bytes, 0, bytes.length);
    }
}
