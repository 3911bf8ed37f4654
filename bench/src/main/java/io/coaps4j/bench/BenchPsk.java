package io.coaps4j.bench;

import java.nio.charset.StandardCharsets;

/**
 * The one PSK identity and key every DTLS server and client of the benchmark uses. The key is printable
 * so that libcoap's example server can take it on its command line ({@code -k}); it is a benchmark
 * fixture, never a credential of anything real.
 */
public final class BenchPsk {
    /** The PSK identity the clients send (RFC 4279 section 2). */
    public static final String IDENTITY = "coaps4j-bench";
    /** The 16-byte key as text, for command lines. */
    public static final String KEY_TEXT = "bench-psk-key-16";

    private BenchPsk() {
    }

    /** The key bytes (a fresh copy). */
    public static byte[] key() {
        return KEY_TEXT.getBytes(StandardCharsets.US_ASCII);
    }
}
