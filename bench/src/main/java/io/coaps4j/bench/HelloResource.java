package io.coaps4j.bench;

import java.nio.charset.StandardCharsets;

/** The one resource every benchmarked server serves: GET /hello answers 2.05 with the same text. */
public final class HelloResource {
    /** The single Uri-Path segment of the resource. */
    public static final String PATH = "hello";
    /** The response payload, identical for every server so the wire work is the same. */
    public static final String TEXT = "Hello, world";

    private HelloResource() {
    }

    /** {@link #TEXT} as UTF-8 bytes (a fresh copy). */
    public static byte[] payload() {
        return TEXT.getBytes(StandardCharsets.UTF_8);
    }
}
