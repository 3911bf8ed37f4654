package io.coaps4j.coaps;

import io.coaps4j.coap.endpoint.CoapEndpoint;
import io.coaps4j.coap.endpoint.EndpointStatistics;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.engine.HandshakeDropReason;
import io.coaps4j.dtls.record.DropReason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The counters of a {@link CoapsMetrics} snapshot as named {@link Metric}s, the one list that JMX
 * ({@link MetricsMBean}), the CLI's Prometheus page and the Micrometer binding all read, so that one metric has one
 * name everywhere. Every reason of a labelled counter is listed, zero or not, so that a series exists from the start;
 * failures by alert list the alerts seen.
 */
public final class ConnectorMetrics {
    private ConnectorMetrics() {
    }

    /** The metrics of {@code metrics}, in a fixed order. */
    public static List<Metric> of(CoapsMetrics m) {
        List<Metric> all = new ArrayList<>(48);
        gauge(all, "coaps_sessions", "established DTLS sessions, by this node's role", Map.of("role", "server"),
                m.serverSessions());
        gauge(all, "coaps_sessions", "established DTLS sessions, by this node's role", Map.of("role", "client"),
                m.clientSessions());
        gauge(all, "coaps_client_handshakes", "client handshakes in progress", Map.of(), m.clientHandshakes());
        counter(all, "coaps_handshakes_succeeded_total", "handshakes completed, both roles, resumed ones included",
                Map.of(), m.handshakesSucceeded());
        List<Map.Entry<AlertDescription, Long>> failures = new ArrayList<>(m.handshakesFailed().entrySet());
        failures.sort(Comparator.comparingInt(failure -> failure.getKey().code()));
        for (Map.Entry<AlertDescription, Long> failed : failures) {
            counter(all, "coaps_handshakes_failed_total", "handshakes ended by a fatal alert, sent or received",
                    Map.of("alert", label(failed.getKey().name())), failed.getValue());
        }
        counter(all, "coaps_handshakes_timed_out_total", "handshakes given up for lack of answers", Map.of(),
                m.handshakesTimedOut());
        counter(all, "coaps_handshakes_stalled_total", "server handshakes ended because the client never answered"
                + " the first flight in time", Map.of(), m.handshakesStalled());
        counter(all, "coaps_handshakes_displaced_total", "stalled server handshakes ended early to make room for a"
                + " new client", Map.of(), m.handshakesDisplaced());
        for (DropReason reason : DropReason.values()) {
            counter(all, "coaps_records_dropped_total", "DTLS records discarded silently (RFC 6347 4.1.2.7), by"
                    + " reason", Map.of("reason", label(reason.name())), m.recordsDropped(reason));
        }
        for (HandshakeDropReason reason : HandshakeDropReason.values()) {
            counter(all, "coaps_handshake_messages_dropped_total", "handshake-level messages ignored, by reason",
                    Map.of("reason", label(reason.name())), m.handshakeMessagesDropped().getOrDefault(reason, 0L));
        }
        for (BindingDropReason reason : BindingDropReason.values()) {
            counter(all, "coaps_binding_drops_total", "CoAP messages the binding did not send, by reason",
                    Map.of("reason", label(reason.name())), m.bindingDrops(reason));
        }
        counter(all, "coaps_server_sessions_expired_total", "server sessions closed after the DTLS idle timeout",
                Map.of(), m.serverSessionsExpired());
        counter(all, "coaps_server_sessions_evicted_total", "server sessions closed, least recently active first,"
                + " to make room for new ones", Map.of(), m.serverSessionsEvicted());
        counter(all, "coaps_sessions_replaced_total", "sessions replaced by a new handshake from the same address",
                Map.of(), m.sessionsReplaced());
        counter(all, "coaps_client_sessions_evicted_total", "client sessions closed to stay within"
                + " maxClientSessions", Map.of(), m.clientSessionsEvicted());
        counter(all, "coaps_datagrams_refused_total", "datagrams for the server role that a client-only connector"
                + " dropped", Map.of(), m.datagramsRefused());
        counter(all, "coaps_pings_sent_total", "keep-alive CoAP pings, in sessions without heartbeats", Map.of(),
                m.pingsSent());
        counter(all, "coaps_heartbeats_sent_total", "keep-alive RFC 6520 HeartbeatRequests", Map.of(),
                m.heartbeatsSent());
        counter(all, "coaps_heartbeats_answered_total", "HeartbeatResponses that matched a request", Map.of(),
                m.heartbeatsAnswered());
        counter(all, "coaps_dead_peers_total", "sessions closed because a keep-alive went unanswered, by probe",
                Map.of("probe", "ping"), m.deadPeersClosed());
        counter(all, "coaps_dead_peers_total", "sessions closed because a keep-alive went unanswered, by probe",
                Map.of("probe", "heartbeat"), m.deadPeersByHeartbeat());
        ConnectionIdMetrics cid = m.connectionIds();
        counter(all, "coaps_address_updates_total", "sessions moved to a new peer address by an authentic, newer"
                + " connection ID record (RFC 9146): NAT rebindings survived", Map.of(), cid.addressUpdates());
        counter(all, "coaps_path_challenges_sent_total", "return routability path_challenges sent to a new address"
                + " (RFC 9853), retries included", Map.of(), cid.pathChallengesSent());
        counter(all, "coaps_path_checks_total", "return routability checks ended, by outcome (RFC 9853)",
                Map.of("outcome", "succeeded"), cid.pathChecksSucceeded());
        counter(all, "coaps_path_checks_total", "return routability checks ended, by outcome (RFC 9853)",
                Map.of("outcome", "failed"), cid.pathChecksFailed());
        counter(all, "coaps_path_challenges_answered_total", "path_challenges of peers answered with a path_response",
                Map.of(), cid.pathChallengesAnswered());
        return List.copyOf(all);
    }

    /** The metrics of a CoAP endpoint's {@code statistics}, any transport (names start with {@code coap_}). */
    public static List<Metric> of(EndpointStatistics statistics) {
        List<Metric> all = new ArrayList<>(16);
        for (MessageType type : MessageType.values()) {
            counter(all, "coap_messages_sent_total", "CoAP messages sent, by type, retransmissions included",
                    Map.of("type", label(type.name())), statistics.messagesSent().getOrDefault(type, 0L));
        }
        for (MessageType type : MessageType.values()) {
            counter(all, "coap_messages_received_total", "CoAP messages received, by type, duplicates included",
                    Map.of("type", label(type.name())), statistics.messagesReceived().getOrDefault(type, 0L));
        }
        gauge(all, "coap_peers", "peers the CoAP engine keeps state for", Map.of(), statistics.peers());
        gauge(all, "coap_pending_requests", "client requests not yet answered and open multi-response exchanges",
                Map.of(), statistics.pendingRequests());
        gauge(all, "coap_pending_transmissions", "sent messages still matchable by an ACK or RST", Map.of(),
                statistics.pendingTransmissions());
        gauge(all, "coap_deduplication_entries", "remembered received message IDs (RFC 7252 section 4.5)", Map.of(),
                statistics.deduplicationEntries());
        counter(all, "coap_deduplication_evictions_total", "deduplication entries dropped early, the cache being full",
                Map.of(), statistics.deduplicationEvictions());
        gauge(all, "coap_observers", "observations registered with the server side (RFC 7641)", Map.of(),
                statistics.observers());
        return List.copyOf(all);
    }

    /**
     * The metrics of {@code endpoint}: its CoAP figures and, over DTLS, its connector's counters; one snapshot of
     * each, taken on the endpoint's loop.
     */
    public static List<Metric> of(CoapEndpoint endpoint) {
        List<Metric> all = new ArrayList<>(of(endpoint.statistics()));
        if (endpoint.connector() instanceof DtlsConnector connector) {
            all.addAll(of(connector.metrics()));
        }
        return List.copyOf(all);
    }

    private static String label(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static void counter(List<Metric> all, String name, String help, Map<String, String> labels, long value) {
        all.add(new Metric(name, help, Metric.Type.COUNTER, labels, value));
    }

    private static void gauge(List<Metric> all, String name, String help, Map<String, String> labels, long value) {
        all.add(new Metric(name, help, Metric.Type.GAUGE, labels, value));
    }
}
