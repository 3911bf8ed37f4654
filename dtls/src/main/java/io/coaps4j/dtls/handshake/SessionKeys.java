package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.crypto.KeyBlock;
import io.coaps4j.dtls.crypto.KeyDerivation;
import io.coaps4j.dtls.credentials.PreSharedKey;
import io.coaps4j.dtls.record.SecurityAssociation;

import java.util.Objects;

/**
 * The master secret of a handshake with what it was derived from and for: the suite, both randoms,
 * and whether it is the extended master secret of RFC 7627. Derives the key block and the Finished
 * verify_data. Never printed.
 */
public final class SessionKeys {
    private final CipherSuite suite;
    private final byte[] masterSecret;
    private final byte[] clientRandom;
    private final byte[] serverRandom;
    private final boolean extendedMasterSecret;

    private SessionKeys(CipherSuite suite, byte[] masterSecret, byte[] clientRandom, byte[] serverRandom,
                        boolean extendedMasterSecret) {
        this.suite = suite;
        this.masterSecret = masterSecret;
        this.clientRandom = clientRandom;
        this.serverRandom = serverRandom;
        this.extendedMasterSecret = extendedMasterSecret;
    }

    /**
     * The keys of a plain PSK handshake (RFC 4279 section 2). With the extended master secret the
     * session hash is {@code transcriptThroughKeyExchange}, which must end with the
     * ClientKeyExchange (RFC 7627 section 3).
     */
    public static SessionKeys fromPsk(CryptoContext crypto, CipherSuite suite, PreSharedKey psk,
                                      byte[] clientRandom, byte[] serverRandom, boolean extendedMasterSecret,
                                      Transcript transcriptThroughKeyExchange) {
        Objects.requireNonNull(suite, "suite");
        return derive(crypto, suite, KeyDerivation.pskPremasterSecret(psk.bytes()), clientRandom, serverRandom,
                extendedMasterSecret, transcriptThroughKeyExchange);
    }

    /**
     * The keys of an ECDHE handshake: the premaster secret is the ECDH shared secret, the x-coordinate
     * (RFC 8422 section 5.10); {@code sharedSecret} is cleared. With the extended master secret the session hash
     * is {@code transcriptThroughKeyExchange} (RFC 7627 section 3).
     */
    public static SessionKeys fromEcdhe(CryptoContext crypto, CipherSuite suite, byte[] sharedSecret,
                                        byte[] clientRandom, byte[] serverRandom, boolean extendedMasterSecret,
                                        Transcript transcriptThroughKeyExchange) {
        Objects.requireNonNull(suite, "suite");
        return derive(crypto, suite, sharedSecret, clientRandom, serverRandom, extendedMasterSecret,
                transcriptThroughKeyExchange);
    }

    private static SessionKeys derive(CryptoContext crypto, CipherSuite suite, byte[] premaster, byte[] clientRandom,
                                      byte[] serverRandom, boolean extendedMasterSecret,
                                      Transcript transcriptThroughKeyExchange) {
        byte[] master = extendedMasterSecret
                ? KeyDerivation.extendedMasterSecret(crypto.prf(), premaster, transcriptThroughKeyExchange.hash(crypto))
                : KeyDerivation.masterSecret(crypto.prf(), premaster, clientRandom, serverRandom);
        java.util.Arrays.fill(premaster, (byte) 0);
        return new SessionKeys(suite, master, clientRandom.clone(), serverRandom.clone(), extendedMasterSecret);
    }

    public CipherSuite suite() {
        return suite;
    }

    public boolean extendedMasterSecret() {
        return extendedMasterSecret;
    }

    /** The master secret, for session resumption. */
    byte[] masterSecret() {
        return masterSecret.clone();
    }

    /** The association of {@code epoch} for the side {@code localEnd} (RFC 5246 section 6.3). */
    public SecurityAssociation association(CryptoContext crypto, int epoch, ConnectionEnd localEnd) {
        KeyBlock block = KeyDerivation.keyBlock(crypto.prf(), masterSecret, clientRandom, serverRandom, suite.aead());
        return SecurityAssociation.fromKeyBlock(epoch, suite, block, localEnd);
    }

    /** The verify_data {@code sender} puts in its Finished after the messages of {@code transcript}. */
    public byte[] verifyData(CryptoContext crypto, ConnectionEnd sender, Transcript transcript) {
        return KeyDerivation.verifyData(crypto.prf(), masterSecret, sender, transcript.hash(crypto));
    }

    @Override
    public String toString() {
        return "SessionKeys[" + suite + (extendedMasterSecret ? ", extended" : "") + ", secrets hidden]";
    }
}
