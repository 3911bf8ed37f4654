package io.coaps4j.attack;

import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.engine.DtlsMetrics;
import io.coaps4j.dtls.engine.HandshakeDropReason;
import io.coaps4j.dtls.record.DropReason;

import java.util.function.ToLongFunction;

/**
 * The server's own account of an attack: a metric that must grow while the attack runs, so a case proves that the
 * server saw the bad input and refused it for the stated reason, not that the input got lost on the way.
 */
record Counter(String name, ToLongFunction<DtlsMetrics> read, int atLeast) {

    Counter(String name, ToLongFunction<DtlsMetrics> read) {
        this(name, read, 1);
    }

    /** The same metric, which must grow by {@code times} at least. */
    Counter times(int times) {
        return new Counter(name, read, times);
    }

    static Counter dropped(DropReason reason) {
        return new Counter("records dropped " + reason, metrics -> metrics.recordsDropped(reason));
    }

    static Counter ignored(HandshakeDropReason reason) {
        return new Counter("messages ignored " + reason, metrics -> metrics.handshakeMessagesDropped(reason));
    }

    static Counter failed(AlertDescription alert) {
        return new Counter("handshakes failed " + alert, metrics -> metrics.handshakesFailed(alert));
    }

    /** For a case whose answer on the wire is the whole evidence: no metric counts it. */
    static Counter noMetric() {
        return new Counter("no metric", metrics -> 0, 0);
    }

    @Override
    public String toString() {
        return name + " (by " + atLeast + " at least)";
    }
}
