package io.coaps4j.coap.endpoint;

import io.coaps4j.coap.message.MessageType;
import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of one {@link CoapEndpoint}'s CoAP figures, taken on its event loop ({@link CoapEndpoint#statistics()}).
 *
 * @param messagesSent           messages handed to the connector since the start, by type (retransmissions included)
 * @param messagesReceived       messages the connector delivered since the start, by type (duplicates included), read
 *                               from the header's type bits; shorter than a header: not counted
 * @param peers                  peers the engine keeps state for (message IDs, exchanges)
 * @param pendingRequests        client requests not yet answered (sent or queued) and open multi-response exchanges
 * @param pendingTransmissions   sent messages still matchable by an ACK or RST
 * @param deduplicationEntries   remembered received message IDs (duplicate detection, RFC 7252 section 4.5)
 * @param deduplicationEvictions deduplication entries dropped early because the cache was full
 * @param observers              observations registered with this endpoint's server side (RFC 7641)
 */
public record EndpointStatistics(Map<MessageType, Long> messagesSent, Map<MessageType, Long> messagesReceived,
                                 int peers, int pendingRequests, int pendingTransmissions, int deduplicationEntries,
                                 long deduplicationEvictions, int observers) {

    public EndpointStatistics {
        messagesSent = Map.copyOf(messagesSent);
        messagesReceived = Map.copyOf(messagesReceived);
    }

    /** Counts by type, every type present. */
    static Map<MessageType, Long> byType(long[] counts) {
        Map<MessageType, Long> byType = new EnumMap<>(MessageType.class);
        for (MessageType type : MessageType.values()) {
            byType.put(type, counts[type.ordinal()]);
        }
        return byType;
    }
}
