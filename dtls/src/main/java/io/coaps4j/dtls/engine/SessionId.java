package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.crypto.KeyDerivation;
import io.coaps4j.dtls.handshake.ResumableSession;

import java.util.Arrays;

/**
 * A session id as a server cache's key: 16 bytes of object around the array of a cached session that holds the
 * id followed by the master secret ({@link ResumableSession#idAndMasterSecretShared}), of which only the id is
 * compared, so that a full cache of {@link io.coaps4j.dtls.config.DtlsConfig#sessionCacheSize()} entries keeps no
 * copy of the ids. Equal by the id; the array is not copied and never changed.
 */
final class SessionId {
    private final byte[] idAndMasterSecret;

    private SessionId(byte[] idAndMasterSecret) {
        this.idAndMasterSecret = idAndMasterSecret;
    }

    /** The key of {@code session}, sharing its array. */
    static SessionId of(ResumableSession session) {
        return new SessionId(session.idAndMasterSecretShared());
    }

    /** A key to look {@code id} up with (its master secret part zeros, never compared). */
    static SessionId lookup(byte[] id) {
        return new SessionId(Arrays.copyOf(id, id.length + KeyDerivation.MASTER_SECRET_LENGTH));
    }

    private int idLength() {
        return idAndMasterSecret.length - KeyDerivation.MASTER_SECRET_LENGTH;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionId that && Arrays.equals(idAndMasterSecret, 0, idLength(),
                that.idAndMasterSecret, 0, that.idLength());
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = 0, length = idLength(); i < length; i++) {
            hash = 31 * hash + idAndMasterSecret[i];
        }
        return hash;
    }
}
