package io.coaps4j.e2e;

import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.record.SecurityAssociation;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * An example of key management outside the handshake (docs/E2E.md section 7): both ends derive the SA's
 * keys from a pre-shared key and a nonce they both know with the TLS 1.2 PRF (RFC 5246 section 5), as
 * a key block is derived in a handshake, then install it with {@link E2eAssociations#install}.
 */
public final class E2eKeys {
    static final String LABEL = "coaps4j e2e key expansion";
    private static final int KEY = 16;
    private static final int IV = 4;

    /** Which end of the SA this node is: the client writes with the client keys. */
    public enum Role { CLIENT, SERVER }

    private E2eKeys() {
    }

    /**
     * The SA (TLS_PSK_WITH_AES_128_CCM_8, epoch 1) of {@code role} derived as
     * {@code PRF(psk, "coaps4j e2e key expansion", nonce ‖ saId)}.
     *
     * @throws IllegalArgumentException when the key or nonce is empty or the SA identifier not 1 to 8 bytes
     */
    public static SecurityAssociation fromPsk(byte[] psk, byte[] nonce, byte[] saId, Role role) {
        Objects.requireNonNull(role, "role");
        if (psk == null || psk.length == 0) {
            throw new IllegalArgumentException("psk must not be empty");
        }
        if (nonce == null || nonce.length == 0) {
            throw new IllegalArgumentException("nonce must not be empty");
        }
        E2eOptions.checkSaId(saId);
        byte[] seed = ByteBuffer.allocate(nonce.length + saId.length).put(nonce).put(saId).array();
        byte[] block = CryptoContext.create().prf().compute(psk, LABEL, seed, 2 * (KEY + IV));
        try {
            byte[] clientKey = Arrays.copyOfRange(block, 0, KEY);
            byte[] serverKey = Arrays.copyOfRange(block, KEY, 2 * KEY);
            byte[] clientIv = Arrays.copyOfRange(block, 2 * KEY, 2 * KEY + IV);
            byte[] serverIv = Arrays.copyOfRange(block, 2 * KEY + IV, 2 * (KEY + IV));
            return keys(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8, 1, clientKey, clientIv, serverKey, serverIv, role);
        } finally {
            Arrays.fill(block, (byte) 0);
        }
    }

    /** First byte of the identifiers of SAs derived with {@link #fromPsk} from a fresh nonce ({@link #freshSaId}). */
    public static final byte DERIVED_SA = (byte) 0xD0;

    /**
     * A new identifier for an SA derived from a pre-shared key: {@link #DERIVED_SA} then a 7-byte random nonce,
     * which is also the nonce of the derivation, so the recipient derives the same SA from the identifier
     * alone ({@link #resolver}). A fresh identifier per client run: the same key and nonce twice would
     * repeat AES-CCM nonces.
     */
    public static byte[] freshSaId(java.security.SecureRandom random) {
        byte[] saId = new byte[E2eOptions.MAX_SA_ID_LENGTH];
        random.nextBytes(saId);
        saId[0] = DERIVED_SA;
        return saId;
    }

    /**
     * The recipient's side of {@link #freshSaId}: derives the server SA for any derived identifier with
     * {@code psk}. Replays are refused while the SA is kept ({@code lifetime}); a replay of a whole old run
     * after its SA expired would derive it afresh, so keep the lifetime longer than anyone may replay, or
     * use the handshake over CoAP.
     */
    public static E2eAssociations.Resolver resolver(byte[] psk, String peerName, Duration lifetime) {
        byte[] key = psk.clone();
        return saId -> {
            if (saId.length != E2eOptions.MAX_SA_ID_LENGTH || saId[0] != DERIVED_SA) {
                return java.util.Optional.empty();
            }
            byte[] nonce = Arrays.copyOfRange(saId, 1, saId.length);
            return java.util.Optional.of(new E2eAssociations.Resolved(fromPsk(key, nonce, saId, Role.SERVER),
                    peerName, lifetime));
        };
    }

    /** The SA of {@code role} from both directions' keys and implicit IVs. */
    public static SecurityAssociation keys(CipherSuite suite, int epoch, byte[] clientWriteKey, byte[] clientWriteIv,
                                           byte[] serverWriteKey, byte[] serverWriteIv, Role role) {
        boolean client = role == Role.CLIENT;
        return SecurityAssociation.builder()
                .epoch(epoch)
                .cipherSuite(suite)
                .writeKey(client ? clientWriteKey : serverWriteKey)
                .writeIv(client ? clientWriteIv : serverWriteIv)
                .readKey(client ? serverWriteKey : clientWriteKey)
                .readIv(client ? serverWriteIv : clientWriteIv)
                .build();
    }
}
