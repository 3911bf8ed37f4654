package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.ConnectionIdPolicy;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.crypto.RandomSource;

import java.nio.ByteBuffer;

/**
 * This side's connection IDs (RFC 9146): how they are drawn, and the keys a server finds its connections by.
 * A CID of up to 8 bytes is keyed by a {@link Long} (every CID of a server has the same length), a longer one by
 * a buffer over a copy: the key is shared by the table and the connection, so a session pays for it once.
 */
final class ConnectionIds {
    private ConnectionIds() {
    }

    /**
     * A CID for a connection in {@code role}: null when CIDs are off (no connection_id extension), empty when
     * the policy's length is 0, else random bytes; a server's first byte is the policy's node id when the CID
     * has room for random bytes after it (so that a cluster can route by it).
     */
    static byte[] draw(ConnectionIdPolicy policy, ConnectionEnd role, RandomSource random) {
        if (!policy.enabled()) {
            return null;
        }
        int length = policy.lengthFor(role);
        if (length == 0) {
            return new byte[0];
        }
        byte[] cid = random.nextBytes(length);
        if (role == ConnectionEnd.SERVER && length > 1) {
            cid[0] = (byte) policy.nodeId();
        }
        return cid;
    }

    /** The table key of {@code cid}. */
    static Object key(byte[] cid) {
        if (cid.length <= Long.BYTES) {
            long value = 0;
            for (byte b : cid) {
                value = (value << 8) | (b & 0xFF);
            }
            return value;
        }
        return ByteBuffer.wrap(cid.clone());
    }
}
