package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.crypto.CryptoContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CidTableTest {
    private final DtlsConfig config = InMemoryPeers.config().build();
    private final CryptoContext crypto = CryptoContext.create();

    private final EngineContext engine = new EngineContext(io.coaps4j.dtls.crypto.ConnectionEnd.SERVER, config, crypto, new DtlsMetrics());

    /** A server connection whose handshake asks for {@code cid}, as the server makes it on a valid ClientHello. */
    private DtlsConnection withCid(byte[] cid) {
        return DtlsConnection.server(engine, InMemoryPeers.clientAddress(1), 0, 0, new byte[32], cid);
    }

    @Test
    void findsEveryConnectionByItsCidAndForgetsRemovedOnesWhateverTheOrder() {
        Random random = new Random(42);
        CidTable table = new CidTable(random.nextInt());
        List<DtlsConnection> connections = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            // Two-byte CIDs with a fixed first byte (a node id): many share probe runs.
            byte[] cid = {7, (byte) i, (byte) (i >>> 8)};
            DtlsConnection connection = withCid(cid);
            assertThat(table.put(connection)).isTrue();
            connections.add(connection);
        }
        Collections.shuffle(connections, random);
        List<DtlsConnection> removed = connections.subList(0, 1_000);
        for (DtlsConnection connection : removed) {
            table.remove(connection);
        }
        assertThat(table.size()).isEqualTo(1_000);
        for (DtlsConnection connection : removed) {
            assertThat(table.find(connection.localCid())).isNull();
        }
        for (DtlsConnection connection : connections.subList(1_000, 2_000)) {
            assertThat(table.find(connection.localCid())).isSameAs(connection);
        }
    }

    @Test
    void keepsOneConnectionPerCidAndRemovesOnlyThatConnection() {
        CidTable table = new CidTable(0);
        DtlsConnection first = withCid(new byte[] {1, 2, 3, 4, 5, 6});
        DtlsConnection same = withCid(new byte[] {1, 2, 3, 4, 5, 6});
        assertThat(table.put(first)).isTrue();
        assertThat(table.put(same)).as("a CID in use is not given twice").isFalse();
        assertThat(table.put(withCid(null))).as("no CID, no entry").isFalse();
        table.remove(same);
        assertThat(table.find(new byte[] {1, 2, 3, 4, 5, 6})).isSameAs(first);
        assertThat(table.contains(new byte[] {1, 2, 3, 4, 5, 7})).isFalse();
        table.remove(first);
        assertThat(table.contains(new byte[] {1, 2, 3, 4, 5, 6})).isFalse();
        assertThat(table.size()).isZero();
    }
}
