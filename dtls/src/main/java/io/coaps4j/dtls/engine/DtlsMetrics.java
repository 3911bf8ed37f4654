package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.record.DropCounters;
import io.coaps4j.dtls.record.DropReason;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counters of one event loop's DTLS connections: handshakes that succeeded, that failed (by the
 * alert sent or received, or by timeout), and records and handshake messages dropped by reason.
 * Shared by the loop's connections; not thread-safe.
 */
public final class DtlsMetrics {
    private final DropCounters recordDrops = new DropCounters();
    private final long[] handshakeDrops = new long[HandshakeDropReason.values().length];
    private final Map<Integer, Long> failuresByAlert = new TreeMap<>();
    private long handshakesSucceeded;
    private long handshakesResumed;
    private long handshakesTimedOut;
    private long helloVerifyRequestsSent;
    private long sessionsExpired;
    private long sessionsEvicted;
    private long sessionsReplaced;
    private long handshakesStalled;
    private long handshakesDisplaced;
    private long heartbeatsSent;
    private long heartbeatsAnswered;
    private long heartbeatRequestsAnswered;
    private long heartbeatTimeouts;
    private long cidAddressUpdates;
    private long pathChallengesSent;
    private long pathChecksSucceeded;
    private long pathChecksFailed;
    private long pathChallengesAnswered;

    void recordDropped(DropReason reason) {
        recordDrops.increment(reason);
    }

    void handshakeDropped(HandshakeDropReason reason) {
        handshakeDrops[reason.ordinal()]++;
    }

    void handshakeSucceeded(boolean resumed) {
        handshakesSucceeded++;
        if (resumed) {
            handshakesResumed++;
        }
    }

    void handshakeFailed(AlertDescription alert) {
        failuresByAlert.merge(alert.code(), 1L, Long::sum);
    }

    void handshakeTimedOut() {
        handshakesTimedOut++;
    }

    void handshakeStalled() {
        handshakesStalled++;
    }

    void handshakeDisplaced() {
        handshakesDisplaced++;
    }

    void cidAddressUpdated() {
        cidAddressUpdates++;
    }

    void pathChallengeSent() {
        pathChallengesSent++;
    }

    void pathCheckSucceeded() {
        pathChecksSucceeded++;
    }

    void pathCheckFailed() {
        pathChecksFailed++;
    }

    void pathChallengeAnswered() {
        pathChallengesAnswered++;
    }

    /** Sessions moved to a new peer address by an authentic, newer CID record (RFC 9146 section 6). */
    public long cidAddressUpdates() {
        return cidAddressUpdates;
    }

    /** path_challenge messages this side sent, retries included (RFC 9853 section 5.1). */
    public long pathChallengesSent() {
        return pathChallengesSent;
    }

    /** Return routability checks of this side answered with the right cookie: the address moved. */
    public long pathChecksSucceeded() {
        return pathChecksSucceeded;
    }

    /** Return routability checks of this side that got no valid answer in time: the address stayed. */
    public long pathChecksFailed() {
        return pathChecksFailed;
    }

    /** path_challenge messages of peers this side answered with a path_response. */
    public long pathChallengesAnswered() {
        return pathChallengesAnswered;
    }

    void heartbeatSent() {
        heartbeatsSent++;
    }

    void heartbeatAnswered() {
        heartbeatsAnswered++;
    }

    void heartbeatRequestAnswered() {
        heartbeatRequestsAnswered++;
    }

    void helloVerifyRequestSent() {
        helloVerifyRequestsSent++;
    }

    void sessionClosed(DtlsEvent.CloseReason reason) {
        switch (reason) {
            case IDLE_TIMEOUT:
                sessionsExpired++;
                break;
            case EVICTED:
                sessionsEvicted++;
                break;
            case REPLACED:
                sessionsReplaced++;
                break;
            case HEARTBEAT_TIMEOUT:
                heartbeatTimeouts++;
                break;
            default:
                break;
        }
    }

    /** Sessions the server closed after its idle timeout. */
    public long sessionsExpired() {
        return sessionsExpired;
    }

    /** Sessions the server closed, least recently active, to make room for new ones. */
    public long sessionsEvicted() {
        return sessionsEvicted;
    }

    /** Connections replaced by a new handshake of the same client (RFC 6347 section 4.2.8). */
    public long sessionsReplaced() {
        return sessionsReplaced;
    }

    /** HeartbeatRequests this side started (RFC 6520), retransmissions not counted. */
    public long heartbeatsSent() {
        return heartbeatsSent;
    }

    /** HeartbeatResponses received that matched the request in flight. */
    public long heartbeatsAnswered() {
        return heartbeatsAnswered;
    }

    /** HeartbeatRequests of peers this side answered. */
    public long heartbeatRequestsAnswered() {
        return heartbeatRequestsAnswered;
    }

    /** Sessions closed because the peer answered no transmission of a HeartbeatRequest: dead peers. */
    public long heartbeatTimeouts() {
        return heartbeatTimeouts;
    }

    public long handshakesSucceeded() {
        return handshakesSucceeded;
    }

    /** Succeeded handshakes that were full ones (not resumed). */
    public long fullHandshakes() {
        return handshakesSucceeded - handshakesResumed;
    }

    /** Succeeded handshakes that resumed a cached session, abbreviated (RFC 5246 section 7.3). */
    public long resumedHandshakes() {
        return handshakesResumed;
    }

    /** Handshakes that ended with a fatal alert (sent or received) of {@code alert}. */
    public long handshakesFailed(AlertDescription alert) {
        return failuresByAlert.getOrDefault(alert.code(), 0L);
    }

    /** Every handshake failure by alert description code. */
    public Map<Integer, Long> handshakeFailuresByAlert() {
        return Collections.unmodifiableMap(new TreeMap<>(failuresByAlert));
    }

    public long handshakesTimedOut() {
        return handshakesTimedOut;
    }

    /** Server handshakes ended because the client never answered the server's first flight in time. */
    public long handshakesStalled() {
        return handshakesStalled;
    }

    /** Stalled server handshakes ended early to give their place to a new cookie-proven client. */
    public long handshakesDisplaced() {
        return handshakesDisplaced;
    }

    public long helloVerifyRequestsSent() {
        return helloVerifyRequestsSent;
    }

    public long recordsDropped(DropReason reason) {
        return recordDrops.count(reason);
    }

    public long handshakeMessagesDropped(HandshakeDropReason reason) {
        return handshakeDrops[reason.ordinal()];
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("DtlsMetrics[succeeded ").append(handshakesSucceeded)
                .append(" (resumed ").append(handshakesResumed).append(')')
                .append(", failed ").append(failuresByAlert).append(", timed out ").append(handshakesTimedOut)
                .append(", stalled ").append(handshakesStalled).append(", displaced ").append(handshakesDisplaced)
                .append(", HelloVerifyRequests ").append(helloVerifyRequestsSent)
                .append(", sessions expired ").append(sessionsExpired).append(", evicted ").append(sessionsEvicted)
                .append(", replaced ").append(sessionsReplaced)
                .append(", heartbeats sent ").append(heartbeatsSent).append(", answered ").append(heartbeatsAnswered)
                .append(", timed out ").append(heartbeatTimeouts)
                .append(", CID address updates ").append(cidAddressUpdates)
                .append(", path challenges sent ").append(pathChallengesSent).append(", succeeded ")
                .append(pathChecksSucceeded).append(", failed ").append(pathChecksFailed)
                .append(", record drops ").append(recordDrops);
        for (HandshakeDropReason reason : HandshakeDropReason.values()) {
            if (handshakeDrops[reason.ordinal()] > 0) {
                text.append(", ").append(reason).append('=').append(handshakeDrops[reason.ordinal()]);
            }
        }
        return text.append(']').toString();
    }
}
