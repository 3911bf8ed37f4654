package io.coaps4j.coap.message;

/** The four CoAP message types (RFC 7252 section 3, the 2-bit T field). */
public enum MessageType {
    CON(0), NON(1), ACK(2), RST(3);

    private static final MessageType[] BY_VALUE = values();

    private final int value;

    MessageType(int value) {
        this.value = value;
    }

    /** The 2-bit value carried in the header. */
    public int value() {
        return value;
    }

    /** The type for a 2-bit header value; every value 0..3 is defined. */
    public static MessageType of(int value) {
        if (value < 0 || value > 3) {
            throw new IllegalArgumentException("message type must be 0..3, was " + value);
        }
        return BY_VALUE[value];
    }
}
