package io.coaps4j.dtls.alert;

/** The level of an alert (RFC 5246 section 7.2): a fatal alert ends the connection at once. */
public enum AlertLevel {
    WARNING(1),
    FATAL(2);

    private final int code;

    AlertLevel(int code) {
        this.code = code;
    }

    /** The wire value. */
    public int code() {
        return code;
    }

    /**
     * The level for a wire value. Levels other than 1 and 2 do not exist; RFC 5246 section 7.2
     * lets the receiver treat an alert it cannot interpret as fatal, so unknown values map to FATAL.
     */
    public static AlertLevel of(int code) {
        return code == 1 ? WARNING : FATAL;
    }
}
