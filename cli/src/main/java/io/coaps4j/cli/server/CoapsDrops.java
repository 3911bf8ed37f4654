package io.coaps4j.cli.server;

import io.coaps4j.coaps.BindingDropReason;
import io.coaps4j.coaps.CoapsMetrics;
import io.coaps4j.dtls.engine.HandshakeDropReason;
import java.util.LinkedHashMap;
import java.util.Map;

/** The counters of a coaps connector that count what it drops without a word to the peer, by name. */
final class CoapsDrops {
    private CoapsDrops() {
    }

    static Map<String, Long> of(CoapsMetrics metrics) {
        Map<String, Long> drops = new LinkedHashMap<>();
        drops.put("handshakes refused at the connection limit",
                metrics.handshakeMessagesDropped().getOrDefault(HandshakeDropReason.CONNECTION_LIMIT, 0L));
        drops.put("handshakes timed out", metrics.handshakesTimedOut());
        drops.put("sessions evicted", metrics.serverSessionsEvicted());
        drops.put("messages too large for one DTLS record", metrics.bindingDrops(BindingDropReason.TOO_LARGE));
        drops.put("messages for another session or epoch",
                metrics.bindingDrops(BindingDropReason.OTHER_SESSION_OR_EPOCH));
        drops.put("messages for a closed session", metrics.bindingDrops(BindingDropReason.NO_SESSION));
        return drops;
    }
}
