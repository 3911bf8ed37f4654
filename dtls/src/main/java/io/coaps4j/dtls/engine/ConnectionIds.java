package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.ConnectionIdPolicy;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.crypto.RandomSource;


/** This side's connection IDs (RFC 9146): how they are drawn; a server finds its connections by them in a {@link CidTable}. */
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
}
