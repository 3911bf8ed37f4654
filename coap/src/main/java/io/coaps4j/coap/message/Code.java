package io.coaps4j.coap.message;

/**
 * A CoAP code: 3-bit class and 5-bit detail, written c.dd (RFC 7252 section 3 and 12.1).
 * Class 0 with detail 0 is the empty message, class 0 otherwise a request method,
 * classes 2, 4 and 5 are responses.
 */
public final class Code {
    private static final Code[] CACHE = new Code[256];

    public static final Code EMPTY = known(0, 0, "Empty");
    public static final Code GET = known(0, 1, "GET");
    public static final Code POST = known(0, 2, "POST");
    public static final Code PUT = known(0, 3, "PUT");
    public static final Code DELETE = known(0, 4, "DELETE");
    public static final Code FETCH = known(0, 5, "FETCH");
    public static final Code PATCH = known(0, 6, "PATCH");
    public static final Code IPATCH = known(0, 7, "iPATCH");

    public static final Code CREATED = known(2, 1, "Created");
    public static final Code DELETED = known(2, 2, "Deleted");
    public static final Code VALID = known(2, 3, "Valid");
    public static final Code CHANGED = known(2, 4, "Changed");
    public static final Code CONTENT = known(2, 5, "Content");
    public static final Code CONTINUE = known(2, 31, "Continue");

    public static final Code BAD_REQUEST = known(4, 0, "Bad Request");
    public static final Code UNAUTHORIZED = known(4, 1, "Unauthorized");
    public static final Code BAD_OPTION = known(4, 2, "Bad Option");
    public static final Code FORBIDDEN = known(4, 3, "Forbidden");
    public static final Code NOT_FOUND = known(4, 4, "Not Found");
    public static final Code METHOD_NOT_ALLOWED = known(4, 5, "Method Not Allowed");
    public static final Code NOT_ACCEPTABLE = known(4, 6, "Not Acceptable");
    public static final Code REQUEST_ENTITY_INCOMPLETE = known(4, 8, "Request Entity Incomplete");
    /** RFC 8132 section 3.3. */
    public static final Code CONFLICT = known(4, 9, "Conflict");
    public static final Code PRECONDITION_FAILED = known(4, 12, "Precondition Failed");
    public static final Code REQUEST_ENTITY_TOO_LARGE = known(4, 13, "Request Entity Too Large");
    public static final Code UNSUPPORTED_CONTENT_FORMAT = known(4, 15, "Unsupported Content-Format");
    /** RFC 8132 section 3.4. */
    public static final Code UNPROCESSABLE_ENTITY = known(4, 22, "Unprocessable Entity");
    /** RFC 8516 section 3. */
    public static final Code TOO_MANY_REQUESTS = known(4, 29, "Too Many Requests");

    public static final Code INTERNAL_SERVER_ERROR = known(5, 0, "Internal Server Error");
    public static final Code NOT_IMPLEMENTED = known(5, 1, "Not Implemented");
    public static final Code BAD_GATEWAY = known(5, 2, "Bad Gateway");
    public static final Code SERVICE_UNAVAILABLE = known(5, 3, "Service Unavailable");
    public static final Code GATEWAY_TIMEOUT = known(5, 4, "Gateway Timeout");
    public static final Code PROXYING_NOT_SUPPORTED = known(5, 5, "Proxying Not Supported");

    private final int value;
    private final String name;

    private Code(int value, String name) {
        this.value = value;
        this.name = name;
    }

    private static Code known(int codeClass, int detail, String name) {
        int value = (codeClass << 5) | detail;
        Code code = new Code(value, name);
        CACHE[value] = code;
        return code;
    }

    /** The code for a raw header byte (0..255); unregistered codes get a generic name. */
    public static Code of(int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("code must be 0..255, was " + value);
        }
        Code cached = CACHE[value];
        return cached != null ? cached : new Code(value, null);
    }

    /** The code c.dd from its class (0..7) and detail (0..31). */
    public static Code of(int codeClass, int detail) {
        if (codeClass < 0 || codeClass > 7) {
            throw new IllegalArgumentException("code class must be 0..7, was " + codeClass);
        }
        if (detail < 0 || detail > 31) {
            throw new IllegalArgumentException("code detail must be 0..31, was " + detail);
        }
        return of((codeClass << 5) | detail);
    }

    /**
     * Parses the dotted form "c.dd" ("2.05", "4.04"; the detail always has two digits) or a
     * method name ("GET", "post", "iPATCH"; case-insensitive).
     *
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static Code parse(String text) {
        if (text.length() == 4 && text.charAt(1) == '.') {
            int codeClass = digit(text.charAt(0));
            int tens = digit(text.charAt(2));
            int units = digit(text.charAt(3));
            if (codeClass >= 0 && codeClass <= 7 && tens >= 0 && units >= 0 && tens * 10 + units <= 31) {
                return of(codeClass, tens * 10 + units);
            }
            throw new IllegalArgumentException("not a CoAP code: \"" + text + "\" (class must be 0..7, detail 00..31)");
        }
        Code method = method(text);
        if (method == null) {
            throw new IllegalArgumentException("not a CoAP code or method name: \"" + text
                    + "\" (expected c.dd such as 2.05, or GET, POST, PUT, DELETE, FETCH, PATCH, iPATCH)");
        }
        return method;
    }

    /** The request method with this name (case-insensitive: "get", "iPATCH"), or null when there is none. */
    public static Code method(String name) {
        for (int value = 1; value < 32; value++) {
            Code code = CACHE[value];
            if (code != null && code.name.equalsIgnoreCase(name)) {
                return code;
            }
        }
        return null;
    }

    private static int digit(char c) {
        return c >= '0' && c <= '9' ? c - '0' : -1;
    }

    public int value() {
        return value;
    }

    public int codeClass() {
        return value >>> 5;
    }

    public int detail() {
        return value & 0x1f;
    }

    public boolean isEmpty() {
        return value == 0;
    }

    public boolean isRequest() {
        return codeClass() == 0 && value != 0;
    }

    public boolean isResponse() {
        int c = codeClass();
        return c >= 2 && c <= 5;
    }

    /**
     * True for the reserved classes 1, 6 and 7: a CON carrying one is rejected with an RST, an
     * ACK carrying one is ignored (RFC 7252 section 4.2).
     */
    public boolean isReservedClass() {
        int c = codeClass();
        return c == 1 || c == 6 || c == 7;
    }

    /** True for client errors 4.xx. */
    public boolean isClientError() {
        return codeClass() == 4;
    }

    /** True for server errors 5.xx. */
    public boolean isServerError() {
        return codeClass() == 5;
    }

    public boolean isSuccess() {
        return codeClass() == 2;
    }

    /** The registered name ("Content", "GET"), or null when the code is unregistered. */
    public String name() {
        return name;
    }

    /** The dotted form, "2.05". */
    public String dotted() {
        return codeClass() + "." + (detail() < 10 ? "0" : "") + detail();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Code && ((Code) o).value == value;
    }

    @Override
    public int hashCode() {
        return value;
    }

    @Override
    public String toString() {
        return name == null ? dotted() : dotted() + " " + name;
    }
}
