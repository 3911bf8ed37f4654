package io.coaps4j.dtls.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * AES-GCM from JCA for state this endpoint seals for itself: session tickets (RFC 5077 section 4) and exports of
 * established sessions. A fresh random 12-byte nonce per seal, written before the ciphertext; 16-byte tag. Keys of
 * 16 or 32 bytes. Thread-safe (a cipher per call: sealing is rare next to records).
 */
public final class AesGcmSealer {
    public static final int NONCE_LENGTH = 12;
    public static final int TAG_LENGTH = 16;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcmSealer() {
    }

    /** {@code nonce || ciphertext || tag} of {@code plaintext} under {@code key}, {@code aad} authenticated. */
    public static byte[] seal(byte[] key, byte[] aad, byte[] plaintext) {
        checkKey(key);
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(aad);
            byte[] out = Arrays.copyOf(nonce, NONCE_LENGTH + plaintext.length + TAG_LENGTH);
            cipher.doFinal(plaintext, 0, plaintext.length, out, NONCE_LENGTH);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The plaintext of {@code sealed} (as {@link #seal} made it), or empty when it is short or its tag is wrong. */
    public static Optional<byte[]> open(byte[] key, byte[] aad, byte[] sealed) {
        checkKey(key);
        if (sealed.length < NONCE_LENGTH + TAG_LENGTH) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_LENGTH * 8, sealed, 0, NONCE_LENGTH));
            cipher.updateAAD(aad);
            return Optional.of(cipher.doFinal(sealed, NONCE_LENGTH, sealed.length - NONCE_LENGTH));
        } catch (javax.crypto.AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static void checkKey(byte[] key) {
        if (key.length != 16 && key.length != 32) {
            throw new IllegalArgumentException("an AES-GCM key has 16 or 32 bytes, not " + key.length);
        }
    }
}
