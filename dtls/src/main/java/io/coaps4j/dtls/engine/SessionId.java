package io.coaps4j.dtls.engine;

import java.util.Arrays;

/**
 * A session id as a server cache's key: 16 bytes of object around the id, less than a wrapping
 * {@link java.nio.ByteBuffer}, because a full cache holds {@link io.coaps4j.dtls.config.DtlsConfig#sessionCacheSize()}
 * of them. Equal by content; the array is not copied and never changed.
 */
final class SessionId {
    private final byte[] bytes;

    SessionId(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionId id && Arrays.equals(bytes, id.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
