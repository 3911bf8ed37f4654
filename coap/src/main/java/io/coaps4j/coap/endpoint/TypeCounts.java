package io.coaps4j.coap.endpoint;

import io.coaps4j.coap.message.MessageType;
import java.util.Map;

/**
 * Messages sent and received by type (the header's T bits, RFC 7252 section 3), for
 * {@link EndpointStatistics}: read from the first byte of each datagram, so counting costs no decode
 * and no allocation. Event-loop thread only.
 */
final class TypeCounts {
    private final long[] sentByType = new long[4];
    private final long[] receivedByType = new long[4];

    void sent(byte[] data, int offset, int length) {
        count(sentByType, data, offset, length);
    }

    void received(byte[] data, int offset, int length) {
        count(receivedByType, data, offset, length);
    }

    Map<MessageType, Long> sent() {
        return EndpointStatistics.byType(sentByType);
    }

    Map<MessageType, Long> received() {
        return EndpointStatistics.byType(receivedByType);
    }

    /** Counts a message by the type bits of its header (CON, NON, ACK, RST in that order); a shorter one is not. */
    private static void count(long[] byType, byte[] data, int offset, int length) {
        if (length >= 4) {
            byType[(data[offset] >> 4) & 0x3]++;
        }
    }
}
