package io.coaps4j.coap.onem2m;

/**
 * The responseTypeValue of the Response Type parameter (TS-0004 m2m:responseType), carried as "rt" in
 * the Uri-Query (TS-0008 clause 6.2.2.3); absent means blocking. Its notificationURI element goes in
 * oneM2M-RTURI ({@link RequestPrimitive#notificationUris()}).
 */
public enum ResponseType {
    NON_BLOCKING_REQUEST_SYNCH(1),
    NON_BLOCKING_REQUEST_ASYNCH(2),
    BLOCKING_REQUEST(3),
    FLEX_BLOCKING(4);

    private final int value;

    ResponseType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** Whether TS-0008 clauses 6.3.2 to 6.3.4 send the request as POST with "op" in the Uri-Query. */
    public boolean nonBlocking() {
        return this != BLOCKING_REQUEST;
    }

    /** @throws IllegalArgumentException naming the value when it is not 1..4 */
    public static ResponseType of(int value) {
        for (ResponseType type : values()) {
            if (type.value == value) {
                return type;
            }
        }
        throw new IllegalArgumentException("oneM2M response type must be 1..4, was " + value);
    }
}
