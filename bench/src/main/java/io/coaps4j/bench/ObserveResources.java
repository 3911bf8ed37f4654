package io.coaps4j.bench;

import java.nio.charset.StandardCharsets;

/**
 * The resources of the observe and block2 suites, the same on every benchmarked server: GET /obs is
 * observable (NON notifications) and answers "n=COUNT"; POST /obs adds one to the count and notifies
 * every observer; GET /large answers a {@value #LARGE_SIZE}-byte body, which goes block-wise (RFC 7959).
 */
public final class ObserveResources {
    /** The observable resource's single Uri-Path segment. */
    public static final String OBSERVED = "obs";
    /** The large resource's single Uri-Path segment. */
    public static final String LARGE = "large";
    /** 1 MB: the block2 suite's body. */
    public static final int LARGE_SIZE = 1_000_000;
    /** The prefix of the observable resource's representation, followed by the count. */
    public static final String COUNT_PREFIX = "n=";

    private ObserveResources() {
    }

    /** The observable resource's representation for {@code count}. */
    public static byte[] state(long count) {
        return (COUNT_PREFIX + count).getBytes(StandardCharsets.US_ASCII);
    }

    /** The large body: the same bytes on every server (a fresh copy). */
    public static byte[] largeBody() {
        byte[] body = new byte[LARGE_SIZE];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        return body;
    }
}
