package io.coaps4j.dtls.record;

import io.coaps4j.dtls.crypto.BcReference;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.crypto.KeyBlock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** tls12_cid records (RFC 9146 sections 4 and 5.3): header, inner plaintext, additional data, and what is dropped. */
class ConnectionIdRecordTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SERVER_CID = HEX.parseHex("00a1b2c3d4e5");
    private final CryptoContext crypto = CryptoContext.create();
    private final KeyBlock keys = Associations.keyBlock(42);
    /** The client writes with the server's CID and reads plain records (it asked for an empty CID). */
    private final SecurityAssociation client = Associations.client(1, keys).withConnectionIds(null, SERVER_CID);
    private final SecurityAssociation server = Associations.server(1, keys).withConnectionIds(SERVER_CID, new byte[0]);

    @Test
    void aCidRecordFollowsRfc9146HeaderInnerPlaintextAndAdditionalData() {
        byte[] content = "hello".getBytes(StandardCharsets.US_ASCII);
        byte[] record = client.protect(crypto, ContentType.APPLICATION_DATA, content);

        String seq = "0001" + "000000000000";
        byte[] inner = HEX.parseHex(HEX.formatHex(content) + "17"); // content ‖ real type, no padding
        byte[] nonce = BcReference.concat(keys.clientWriteIv(), HEX.parseHex(seq));
        // seq_num_placeholder ‖ tls12_cid ‖ cid_length ‖ tls12_cid ‖ version ‖ epoch ‖ seq ‖ cid ‖ inner length
        byte[] aad = HEX.parseHex("ffffffffffffffff" + "19" + "06" + "19" + "fefd" + seq + "00a1b2c3d4e5" + "0006");
        byte[] sealed = BcReference.ccmSeal(keys.clientWriteKey(), nonce, aad, inner, 8);
        assertThat(HEX.formatHex(record))
                .isEqualTo("19" + "fefd" + seq + "00a1b2c3d4e5" + "0016" + seq + HEX.formatHex(sealed));
        assertThat(record).hasSize(client.protectedLength(5)).hasSize(13 + 6 + 8 + 6 + 8);
        assertThat(client.headerLength()).isEqualTo(19);
    }

    @Test
    void theReceiverFindsTheRealTypeAndChecksItsCid() {
        RecordLayer layer = new RecordLayer(server);
        assertThat(layer.cidLength()).isEqualTo(6);
        byte[] record = client.protect(crypto, ContentType.HEARTBEAT, new byte[] {1, 2, 3});

        CollectingReceiver receiver = new CollectingReceiver();
        layer.receive(crypto, record, 0, record.length, receiver);
        assertThat(receiver.delivered).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo(ContentType.HEARTBEAT);
            assertThat(r.plaintext()).containsExactly(1, 2, 3);
        });

        byte[] otherCid = client.protect(crypto, ContentType.APPLICATION_DATA, new byte[] {4});
        otherCid[12] ^= 1;
        byte[] plain = Associations.client(1, keys).protect(crypto, ContentType.APPLICATION_DATA, new byte[] {5});
        CollectingReceiver drops = new CollectingReceiver();
        layer.receive(crypto, otherCid, 0, otherCid.length, drops);
        layer.receive(crypto, plain, 0, plain.length, drops);
        assertThat(drops.delivered).isEmpty();
        assertThat(drops.dropped).containsExactly(DropReason.BAD_CID, DropReason.BAD_CID);
    }

    @Test
    void theServerAnswersWithPlainRecordsWhenTheClientAskedForNoCid() {
        byte[] record = server.protect(crypto, ContentType.APPLICATION_DATA, new byte[] {9});
        assertThat(record[0]).isEqualTo((byte) 23);
        DecryptedRecord opened = (DecryptedRecord) client.unprotect(crypto, RecordCodec.decode(record, 0, record.length).get(0));
        assertThat(opened.plaintext()).containsExactly(9);
        assertThat(client.readConnectionId()).isEmpty();
        assertThat(client.writeConnectionId()).hasValueSatisfying(cid -> assertThat(cid).isEqualTo(SERVER_CID));
    }

    @Test
    void aCidRecordWhereNoneWasNegotiatedIsDropped() {
        RecordLayer plainLayer = new RecordLayer(Associations.server(1, keys));
        byte[] record = client.protect(crypto, ContentType.APPLICATION_DATA, new byte[] {1});
        CollectingReceiver receiver = new CollectingReceiver();
        plainLayer.receive(crypto, record, 0, record.length, receiver);
        assertThat(receiver.delivered).isEmpty();
        // Without a CID length the header cannot even be framed: the CID's bytes read as a length past the end.
        assertThat(receiver.dropped).singleElement().isIn(DropReason.BAD_CID, DropReason.MALFORMED);
    }

    @Test
    void epochZeroHasNoCidAndCidsAreAtMost255Bytes() {
        assertThatThrownBy(() -> SecurityAssociation.plaintext().withConnectionIds(SERVER_CID, null))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("RFC 9146");
        assertThatThrownBy(() -> Associations.client(1, keys).withConnectionIds(new byte[256], null))
                .hasMessageContaining("at most 255 bytes");
    }
}
