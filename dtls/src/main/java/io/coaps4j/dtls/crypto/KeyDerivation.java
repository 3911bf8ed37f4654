package io.coaps4j.dtls.crypto;

import java.util.Objects;

/**
 * The TLS 1.2 secrets derived with the PRF: master secret (RFC 5246 section 8.1, RFC 7627 section 4),
 * key block (RFC 5246 section 6.3), Finished verify_data (RFC 5246 section 7.4.9), and the PSK premaster
 * secret (RFC 4279 section 2).
 */
public final class KeyDerivation {
    public static final int MASTER_SECRET_LENGTH = 48;
    public static final int RANDOM_LENGTH = 32;
    public static final int VERIFY_DATA_LENGTH = 12;
    /** RFC 4279 section 5.3: implementations must support PSKs of up to 64 octets; more is refused. */
    public static final int MAX_PSK_LENGTH = 65535;

    private KeyDerivation() {
    }

    /** {@code PRF(pre_master_secret, "master secret", ClientHello.random + ServerHello.random)[0..47]}. */
    public static byte[] masterSecret(Prf prf, byte[] preMasterSecret, byte[] clientRandom, byte[] serverRandom) {
        checkRandom("clientRandom", clientRandom);
        checkRandom("serverRandom", serverRandom);
        return prf.compute(preMasterSecret, "master secret", concat(clientRandom, serverRandom),
                MASTER_SECRET_LENGTH);
    }

    /**
     * {@code PRF(pre_master_secret, "extended master secret", session_hash)[0..47]} (RFC 7627 section 4), where
     * the session hash covers the handshake messages up to and including ClientKeyExchange.
     */
    public static byte[] extendedMasterSecret(Prf prf, byte[] preMasterSecret, byte[] sessionHash) {
        Objects.requireNonNull(sessionHash, "sessionHash");
        return prf.compute(preMasterSecret, "extended master secret", sessionHash, MASTER_SECRET_LENGTH);
    }

    /** {@code PRF(master_secret, "key expansion", server_random + client_random)}, cut for {@code algorithm}. */
    public static KeyBlock keyBlock(Prf prf, byte[] masterSecret, byte[] clientRandom, byte[] serverRandom,
                                    AeadAlgorithm algorithm) {
        checkMasterSecret(masterSecret);
        checkRandom("clientRandom", clientRandom);
        checkRandom("serverRandom", serverRandom);
        byte[] block = prf.compute(masterSecret, "key expansion", concat(serverRandom, clientRandom),
                KeyBlock.length(algorithm));
        return KeyBlock.split(algorithm, block);
    }

    /**
     * The 12-byte verify_data of the Finished message {@code sender} sends:
     * {@code PRF(master_secret, "client finished" | "server finished", Hash(handshake_messages))}.
     */
    public static byte[] verifyData(Prf prf, byte[] masterSecret, ConnectionEnd sender, byte[] handshakeHash) {
        checkMasterSecret(masterSecret);
        Objects.requireNonNull(handshakeHash, "handshakeHash");
        String label = sender == ConnectionEnd.CLIENT ? "client finished" : "server finished";
        return prf.compute(masterSecret, label, handshakeHash, VERIFY_DATA_LENGTH);
    }

    /** The plain PSK premaster secret: {@code other_secret} is N zero bytes (RFC 4279 section 2). */
    public static byte[] pskPremasterSecret(byte[] psk) {
        Objects.requireNonNull(psk, "psk");
        return pskPremasterSecret(new byte[psk.length], psk);
    }

    /**
     * {@code uint16 len(other_secret) ‖ other_secret ‖ uint16 len(psk) ‖ psk} (RFC 4279 section 2); the form the
     * DHE/ECDHE PSK suites use with their shared secret as {@code otherSecret}.
     */
    public static byte[] pskPremasterSecret(byte[] otherSecret, byte[] psk) {
        Objects.requireNonNull(otherSecret, "otherSecret");
        Objects.requireNonNull(psk, "psk");
        if (psk.length == 0 || psk.length > MAX_PSK_LENGTH) {
            throw new IllegalArgumentException("psk must be 1 to " + MAX_PSK_LENGTH + " bytes, was " + psk.length);
        }
        if (otherSecret.length > 65535) {
            throw new IllegalArgumentException("otherSecret must be at most 65535 bytes, was " + otherSecret.length);
        }
        byte[] out = new byte[4 + otherSecret.length + psk.length];
        int p = 0;
        out[p++] = (byte) (otherSecret.length >>> 8);
        out[p++] = (byte) otherSecret.length;
        System.arraycopy(otherSecret, 0, out, p, otherSecret.length);
        p += otherSecret.length;
        out[p++] = (byte) (psk.length >>> 8);
        out[p++] = (byte) psk.length;
        System.arraycopy(psk, 0, out, p, psk.length);
        return out;
    }

    private static void checkRandom(String name, byte[] random) {
        Objects.requireNonNull(random, name);
        if (random.length != RANDOM_LENGTH) {
            throw new IllegalArgumentException(name + " must be " + RANDOM_LENGTH + " bytes, was " + random.length);
        }
    }

    private static void checkMasterSecret(byte[] masterSecret) {
        Objects.requireNonNull(masterSecret, "masterSecret");
        if (masterSecret.length != MASTER_SECRET_LENGTH) {
            throw new IllegalArgumentException("masterSecret must be " + MASTER_SECRET_LENGTH + " bytes, was "
                    + masterSecret.length);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
