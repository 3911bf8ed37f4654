package io.coaps4j.coaps;

import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.engine.DtlsMetrics;
import io.coaps4j.dtls.engine.HandshakeDropReason;
import io.coaps4j.dtls.record.DropReason;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** The binding's own counters, beside the DTLS engine's {@link DtlsMetrics}. Event-loop thread only. */
final class ConnectorCounters {
    private final long[] bindingDrops = new long[BindingDropReason.values().length];
    long pingsSent;
    long deadPeersClosed;
    long heartbeatsSent;
    long heartbeatsAnswered;
    long deadPeersByHeartbeat;
    long sessionsReplaced;
    long clientSessionsEvicted;

    void dropped(BindingDropReason reason) {
        bindingDrops[reason.ordinal()]++;
    }

    CoapsMetrics snapshot(DtlsMetrics dtls, int serverSessions, int clientSessions, int clientHandshakes,
                          long datagramsRefused) {
        Map<AlertDescription, Long> failures = new HashMap<>();
        dtls.handshakeFailuresByAlert().forEach((code, count) -> failures.put(new AlertDescription(code), count));
        Map<DropReason, Long> records = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            records.put(reason, dtls.recordsDropped(reason));
        }
        Map<HandshakeDropReason, Long> messages = new EnumMap<>(HandshakeDropReason.class);
        for (HandshakeDropReason reason : HandshakeDropReason.values()) {
            messages.put(reason, dtls.handshakeMessagesDropped(reason));
        }
        Map<BindingDropReason, Long> binding = new EnumMap<>(BindingDropReason.class);
        for (BindingDropReason reason : BindingDropReason.values()) {
            binding.put(reason, bindingDrops[reason.ordinal()]);
        }
        return new CoapsMetrics(serverSessions, clientSessions, clientHandshakes, dtls.handshakesSucceeded(), failures,
                dtls.handshakesTimedOut(), records, messages, binding, pingsSent, deadPeersClosed,
                dtls.sessionsExpired(), dtls.sessionsEvicted(), sessionsReplaced,
                clientSessionsEvicted, datagramsRefused, dtls.handshakesStalled(), dtls.handshakesDisplaced(),
                heartbeatsSent, heartbeatsAnswered, deadPeersByHeartbeat,
                new ConnectionIdMetrics(dtls.cidAddressUpdates(), dtls.pathChallengesSent(), dtls.pathChecksSucceeded(),
                        dtls.pathChecksFailed(), dtls.pathChallengesAnswered()));
    }
}
