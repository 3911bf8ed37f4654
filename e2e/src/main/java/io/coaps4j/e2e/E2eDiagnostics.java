package io.coaps4j.e2e;

/** The diagnostic payloads of the refusals of docs/E2E.md section 6 (RFC 7252 section 5.5.2). */
public final class E2eDiagnostics {
    /** 4.01: the recipient has no (unexpired) SA with that identifier; run key management again. */
    public static final String NO_ASSOCIATION = "e2e: no security association";
    /** 4.01: the record's sequence number was seen before or is left of the replay window. */
    public static final String REPLAY = "e2e: replay";
    /** 4.00: the record did not open (tampered, or sealed under another SA). */
    public static final String NOT_AUTHENTIC = "e2e: not authentic";
    /** 4.02: the plaintext is not a protected request. */
    public static final String BAD_INNER = "e2e: bad inner message";

    private E2eDiagnostics() {
    }
}
