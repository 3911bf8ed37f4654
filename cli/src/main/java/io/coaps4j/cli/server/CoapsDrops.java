package io.coaps4j.cli.server;

import io.coaps4j.coaps.BindingDropReason;
import io.coaps4j.coaps.CoapsMetrics;
import io.coaps4j.dtls.engine.HandshakeDropReason;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The counters of a coaps connector that count what it drops without a word to the peer, by name, for
 * the line the server prints when it stops. While it runs, the library itself logs each kind of drop at
 * WARN, at most once a minute.
 */
final class CoapsDrops {
    private CoapsDrops() {
    }

    static Map<String, Long> of(CoapsMetrics metrics) {
        Map<String, Long> drops = new LinkedHashMap<>();
        drops.put("handshakes refused at the connection limit", handshakeDrops(metrics, HandshakeDropReason.CONNECTION_LIMIT));
        drops.put("handshakes refused at the per-address limit",
                handshakeDrops(metrics, HandshakeDropReason.ADDRESS_HANDSHAKE_LIMIT));
        drops.put("handshakes stalled", metrics.handshakesStalled());
        drops.put("handshakes displaced", metrics.handshakesDisplaced());
        drops.put("handshakes timed out", metrics.handshakesTimedOut());
        drops.put("sessions evicted", metrics.serverSessionsEvicted());
        drops.put("messages too large for one DTLS record", metrics.bindingDrops(BindingDropReason.TOO_LARGE));
        drops.put("messages for another session or epoch",
                metrics.bindingDrops(BindingDropReason.OTHER_SESSION_OR_EPOCH));
        drops.put("messages for a closed session", metrics.bindingDrops(BindingDropReason.NO_SESSION));
        return drops;
    }

    /** Every counter with its total: the line printed when the server stops. */
    static String summary(CoapsMetrics metrics) {
        StringJoiner all = new StringJoiner(", ", "coaps drop counters: ", "");
        of(metrics).forEach((name, value) -> all.add(value + " " + name));
        return all.toString();
    }

    private static long handshakeDrops(CoapsMetrics metrics, HandshakeDropReason reason) {
        return metrics.handshakeMessagesDropped().getOrDefault(reason, 0L);
    }
}
