package io.coaps4j.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coaps.BindingDropReason;
import io.coaps4j.coaps.CoapsMetrics;
import io.coaps4j.dtls.engine.HandshakeDropReason;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stop line names every kind of silent drop with its total, the handshake-flood defences included. */
class CoapsDropsTest {

    @Test
    void theSummaryListsEveryCounterWithItsTotal() {
        CoapsMetrics metrics = new CoapsMetrics(1, 0, 0, 5, Map.of(), 2, Map.of(),
                Map.of(HandshakeDropReason.CONNECTION_LIMIT, 3L, HandshakeDropReason.ADDRESS_HANDSHAKE_LIMIT, 40L),
                Map.of(BindingDropReason.TOO_LARGE, 1L, BindingDropReason.NO_SESSION, 6L), 0, 0, 0, 4, 0, 0, 0,
                7, 8, 0, 0, 0);

        assertThat(CoapsDrops.summary(metrics)).isEqualTo("coaps drop counters: "
                + "3 handshakes refused at the connection limit, 40 handshakes refused at the per-address limit, "
                + "7 handshakes stalled, 8 handshakes displaced, 2 handshakes timed out, 4 sessions evicted, "
                + "1 messages too large for one DTLS record, 0 messages for another session or epoch, "
                + "6 messages for a closed session");
    }
}
