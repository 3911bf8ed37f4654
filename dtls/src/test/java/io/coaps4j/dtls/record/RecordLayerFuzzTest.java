package io.coaps4j.dtls.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.crypto.KeyBlock;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever the network sends, the record layer neither throws nor delivers what it must not. */
class RecordLayerFuzzTest {
    private final CryptoContext crypto = CryptoContext.create();
    private final KeyBlock keys = Associations.keyBlock(11);

    @Property(tries = 500)
    void arbitraryDatagramsAreDroppedOrDeliveredNeverThrown(@ForAll @Size(max = 200) byte[] datagram) {
        RecordLayer layer = established();
        CollectingReceiver receiver = new CollectingReceiver();
        layer.receive(crypto, datagram, 0, datagram.length, receiver);
        // Random bytes cannot forge a tag, and epoch-0 application data never passes.
        assertThat(receiver.delivered).allSatisfy(r -> {
            assertThat(r.epoch()).isZero();
            assertThat(r.type()).isNotEqualTo(ContentType.APPLICATION_DATA);
        });
    }

    @Property(tries = 300)
    void mutatedGenuineRecordsAreNeverDeliveredWithChangedContent(@ForAll @Size(min = 1, max = 60) byte[] payload,
                                                                  @ForAll @IntRange(max = 10_000) int position,
                                                                  @ForAll @IntRange(min = 1, max = 255) int flip) {
        RecordLayer sender = new RecordLayer(Associations.client(1, keys));
        byte[] record = sender.protect(crypto, ContentType.APPLICATION_DATA, payload, 0, payload.length);
        int index = position % record.length;
        record[index] ^= (byte) flip;

        RecordLayer layer = established();
        CollectingReceiver receiver = new CollectingReceiver();
        layer.receive(crypto, record, 0, record.length, receiver);

        // A changed byte breaks the tag, the framing or the version check, or moves the record to the next
        // epoch, where it waits in the bounded buffer; nothing altered gets through.
        assertThat(receiver.delivered).isEmpty();
        assertThat(receiver.dropped.size() + layer.bufferedRecords()).isPositive();
    }

    private RecordLayer established() {
        RecordLayer layer = new RecordLayer();
        layer.installPending(Associations.server(1, keys));
        layer.activatePendingWrite();
        layer.activatePendingRead(crypto, new CollectingReceiver());
        return layer;
    }
}
