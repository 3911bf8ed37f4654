package io.coaps4j.coaps;

import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.engine.HandshakeDropReason;
import io.coaps4j.dtls.record.DropReason;
import java.util.Map;

/**
 * A snapshot of one {@link DtlsConnector}'s counters, taken on its event loop.
 *
 * @param serverSessions          established sessions in which this node is the DTLS server
 * @param clientSessions          established sessions in which this node is the DTLS client
 * @param clientHandshakes        client handshakes in progress
 * @param handshakesSucceeded     handshakes completed, both roles
 * @param handshakesFailed        handshakes ended by a fatal alert, sent or received, by alert
 * @param handshakesTimedOut      handshakes given up for lack of answers
 * @param recordsDropped          records the record layer discarded silently, by reason (RFC 6347 4.1.2.7)
 * @param handshakeMessagesDropped handshake-level messages ignored, by reason
 * @param bindingDrops            CoAP messages not sent by the binding, by reason
 * @param pingsSent               keep-alive CoAP pings asked of the CoAP engine (its retransmissions are not counted),
 *                                in sessions without RFC 6520 heartbeats
 * @param deadPeersClosed         sessions closed because a keep-alive CoAP ping went unanswered
 * @param serverSessionsExpired   server sessions closed after the DTLS idle timeout
 * @param serverSessionsEvicted   server sessions closed, least recently active first, to make room for new ones
 * @param sessionsReplaced        sessions that ended because a new handshake with the same address replaced them
 * @param clientSessionsEvicted   client sessions closed to stay within {@link CoapsConfig#maxClientSessions()}
 * @param datagramsRefused        datagrams for the DTLS server role that a client-only connector
 *                                ({@link CoapsConfig#acceptHandshakes()} false) dropped
 * @param handshakesStalled       server handshakes ended because the client never answered the first flight
 *                                within {@code DtlsConfig.stalledHandshakeTimeout}
 * @param handshakesDisplaced     stalled server handshakes ended early to give their place to a new client
 * @param heartbeatsSent          keep-alive RFC 6520 HeartbeatRequests, in sessions that negotiated heartbeats and
 *                                whose peer allows them (retransmissions not counted)
 * @param heartbeatsAnswered      HeartbeatResponses that matched a request in flight
 * @param deadPeersByHeartbeat    sessions closed because a HeartbeatRequest went unanswered
 * @param connectionIds           address updates and return routability checks (RFC 9146, RFC 9853)
 */
public record CoapsMetrics(int serverSessions, int clientSessions, int clientHandshakes, long handshakesSucceeded,
                           Map<AlertDescription, Long> handshakesFailed, long handshakesTimedOut,
                           Map<DropReason, Long> recordsDropped, Map<HandshakeDropReason, Long> handshakeMessagesDropped,
                           Map<BindingDropReason, Long> bindingDrops, long pingsSent, long deadPeersClosed,
                           long serverSessionsExpired, long serverSessionsEvicted, long sessionsReplaced,
                           long clientSessionsEvicted, long datagramsRefused, long handshakesStalled,
                           long handshakesDisplaced, long heartbeatsSent, long heartbeatsAnswered,
                           long deadPeersByHeartbeat, ConnectionIdMetrics connectionIds) {

    public CoapsMetrics {
        handshakesFailed = Map.copyOf(handshakesFailed);
        recordsDropped = Map.copyOf(recordsDropped);
        handshakeMessagesDropped = Map.copyOf(handshakeMessagesDropped);
        bindingDrops = Map.copyOf(bindingDrops);
        java.util.Objects.requireNonNull(connectionIds, "connectionIds");
    }

    /** A snapshot without connection ID activity. */
    public CoapsMetrics(int serverSessions, int clientSessions, int clientHandshakes, long handshakesSucceeded,
                        Map<AlertDescription, Long> handshakesFailed, long handshakesTimedOut,
                        Map<DropReason, Long> recordsDropped, Map<HandshakeDropReason, Long> handshakeMessagesDropped,
                        Map<BindingDropReason, Long> bindingDrops, long pingsSent, long deadPeersClosed,
                        long serverSessionsExpired, long serverSessionsEvicted, long sessionsReplaced,
                        long clientSessionsEvicted, long datagramsRefused, long handshakesStalled,
                        long handshakesDisplaced, long heartbeatsSent, long heartbeatsAnswered,
                        long deadPeersByHeartbeat) {
        this(serverSessions, clientSessions, clientHandshakes, handshakesSucceeded, handshakesFailed, handshakesTimedOut,
                recordsDropped, handshakeMessagesDropped, bindingDrops, pingsSent, deadPeersClosed, serverSessionsExpired,
                serverSessionsEvicted, sessionsReplaced, clientSessionsEvicted, datagramsRefused, handshakesStalled,
                handshakesDisplaced, heartbeatsSent, heartbeatsAnswered, deadPeersByHeartbeat, ConnectionIdMetrics.NONE);
    }

    /** Sessions closed because their peer was found dead, by heartbeat or by CoAP ping. */
    public long deadPeers() {
        return deadPeersClosed + deadPeersByHeartbeat;
    }

    /** Established sessions, both roles. */
    public int sessions() {
        return serverSessions + clientSessions;
    }

    /** Handshakes that ended with {@code alert}. */
    public long handshakesFailed(AlertDescription alert) {
        return handshakesFailed.getOrDefault(alert, 0L);
    }

    public long recordsDropped(DropReason reason) {
        return recordsDropped.getOrDefault(reason, 0L);
    }

    public long bindingDrops(BindingDropReason reason) {
        return bindingDrops.getOrDefault(reason, 0L);
    }
}
