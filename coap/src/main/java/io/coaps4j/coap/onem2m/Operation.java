package io.coaps4j.coap.onem2m;

import io.coaps4j.coap.message.Code;

/**
 * The oneM2M Operation parameter: its TS-0004 number (carried as "op" in the Uri-Query when needed,
 * TS-0008 clause 6.2.2.3) and its CoAP method in the blocking case (table 6.2.1-1).
 */
public enum Operation {
    CREATE(1, Code.POST),
    RETRIEVE(2, Code.GET),
    UPDATE(3, Code.PUT),
    DELETE(4, Code.DELETE),
    NOTIFY(5, Code.POST);

    private final int value;
    private final Code method;

    Operation(int value, Code method) {
        this.value = value;
        this.method = method;
    }

    /** The TS-0004 value, 1..5. */
    public int value() {
        return value;
    }

    /** The CoAP method of table 6.2.1-1 (NOTIFY is POST). */
    public Code method() {
        return method;
    }

    /** Whether the request carries Content (TS-0001 table 8.1.2-2: CREATE, UPDATE and NOTIFY). */
    public boolean needsContent() {
        return this == CREATE || this == UPDATE || this == NOTIFY;
    }

    /** @throws IllegalArgumentException naming the value when it is not 1..5 */
    public static Operation of(int value) {
        for (Operation operation : values()) {
            if (operation.value == value) {
                return operation;
            }
        }
        throw new IllegalArgumentException("oneM2M operation must be 1..5, was " + value);
    }

    /** Reads "retrieve", "RETRIEVE" or "2". @throws IllegalArgumentException naming the text */
    public static Operation parse(String text) {
        for (Operation operation : values()) {
            if (operation.name().equalsIgnoreCase(text.trim())) {
                return operation;
            }
        }
        try {
            return of(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unknown oneM2M operation '" + text
                    + "': expected create, retrieve, update, delete, notify or 1..5");
        }
    }
}
