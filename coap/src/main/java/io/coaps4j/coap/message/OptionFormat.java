package io.coaps4j.coap.message;

/** The option value formats of RFC 7252 section 3.2. */
public enum OptionFormat {
    /** A zero-length value. */
    EMPTY,
    /** An opaque sequence of bytes. */
    OPAQUE,
    /** A non-negative integer in network byte order, shortest form preferred. */
    UINT,
    /** A UTF-8 string in Net-Unicode form (RFC 5198). */
    STRING
}
