package io.coaps4j.coaps;

import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageType;

/** The few CoAP header facts the keep-alive needs (RFC 7252 sections 3 and 4.3), read without decoding a message. */
final class CoapPing {
    /** Version 1 in the two top bits of the first byte. */
    private static final int VERSION_BITS = 0x40;
    private static final int EMPTY_LENGTH = 4;

    private CoapPing() {
    }

    /** An empty CON: the CoAP ping. */
    static byte[] ping(int messageId) {
        return MessageCodec.encode(Message.empty(MessageType.CON, messageId & 0xFFFF));
    }

    /** True when {@code data} is the empty RST that answers the ping with {@code messageId}. */
    static boolean isResetFor(byte[] data, int messageId) {
        return data.length == EMPTY_LENGTH
                && (data[0] & 0xFF) == (VERSION_BITS | MessageType.RST.value() << 4)
                && data[1] == 0
                && ((data[2] & 0xFF) << 8 | (data[3] & 0xFF)) == messageId;
    }

    /** The message ID of a version-1 CON, or -1 for anything else. */
    static int confirmableMessageId(byte[] datagram) {
        if (datagram.length < EMPTY_LENGTH || (datagram[0] & 0xF0) != (VERSION_BITS | MessageType.CON.value() << 4)) {
            return -1;
        }
        return (datagram[2] & 0xFF) << 8 | (datagram[3] & 0xFF);
    }
}
