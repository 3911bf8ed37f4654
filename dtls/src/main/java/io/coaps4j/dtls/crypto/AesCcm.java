package io.coaps4j.dtls.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-128 in CCM mode (RFC 3610) built on the JCA AES block cipher ({@code AES/ECB/NoPadding}), because the
 * JDK's default providers offer no CCM. Parametrised by the tag length M and the length-field size L so that
 * the RFC 3610 test vectors (L = 2) exercise the same code as the TLS suites (M = 8, L = 3, RFC 6655).
 *
 * <p>One instance serves every session of a thread: the key is passed per call and the AES key schedule is
 * recomputed only when the key differs from the previous call's. Not thread-safe.
 */
public final class AesCcm implements Aead {
    private static final int BLOCK = 16;
    private static final int KEY_LENGTH = 16;

    private final int tagLength;
    private final int lengthFieldSize;
    private final int nonceLength;
    private final long maxMessageLength;
    private final Cipher aes;

    /** The key the cipher is initialised with (valid when {@code keyed}). */
    private final byte[] currentKey = new byte[KEY_LENGTH];
    private boolean keyed;

    // Per-thread scratch, reused by every call.
    private final byte[] x = new byte[BLOCK];
    private final byte[] y = new byte[BLOCK];
    private final byte[] expectedTag;
    private final byte[] receivedTag;
    private byte[] counters = new byte[BLOCK * 8];
    private byte[] keystream = new byte[BLOCK * 8];

    /**
     * @param tagLength       M: 4, 6, 8, 10, 12, 14 or 16 bytes
     * @param lengthFieldSize L: 2 to 8 bytes; the nonce has {@code 15 - L} bytes
     */
    public AesCcm(int tagLength, int lengthFieldSize) {
        if (tagLength < 4 || tagLength > 16 || (tagLength & 1) != 0) {
            throw new IllegalArgumentException("tagLength must be 4, 6, ..., 16, was " + tagLength);
        }
        if (lengthFieldSize < 2 || lengthFieldSize > 8) {
            throw new IllegalArgumentException("lengthFieldSize must be 2 to 8, was " + lengthFieldSize);
        }
        this.tagLength = tagLength;
        this.lengthFieldSize = lengthFieldSize;
        this.nonceLength = 15 - lengthFieldSize;
        this.maxMessageLength = lengthFieldSize >= 4 ? Integer.MAX_VALUE : (1L << (8 * lengthFieldSize)) - 1;
        this.expectedTag = new byte[tagLength];
        this.receivedTag = new byte[tagLength];
        try {
            this.aes = Cipher.getInstance("AES/ECB/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java platform must provide AES/ECB/NoPadding", e);
        }
    }

    /** AES_128_CCM_8 as the TLS suites use it: 8-byte tag, 12-byte nonce (RFC 6655 section 3). */
    public static AesCcm ccm8() {
        return new AesCcm(8, 3);
    }

    @Override
    public int keyLength() {
        return KEY_LENGTH;
    }

    @Override
    public int nonceLength() {
        return nonceLength;
    }

    @Override
    public int tagLength() {
        return tagLength;
    }

    @Override
    public int seal(byte[] key, byte[] nonce, byte[] aad, int aadOffset, int aadLength,
                    byte[] plaintext, int offset, int length, byte[] out, int outOffset) {
        checkArguments(key, nonce, aad, aadOffset, aadLength);
        Objects.checkFromIndexSize(offset, length, plaintext.length);
        Objects.checkFromIndexSize(outOffset, length + tagLength, out.length);
        checkMessageLength(length);
        setKey(key);
        // The MAC runs over the plaintext first so that out may be the input array.
        cbcMac(nonce, aad, aadOffset, aadLength, plaintext, offset, length);
        int blocks = generateKeystream(nonce, length);
        xor(plaintext, offset, keystream, BLOCK, out, outOffset, length);
        for (int i = 0; i < tagLength; i++) {
            out[outOffset + length + i] = (byte) (x[i] ^ keystream[i]);
        }
        clearKeystream(blocks);
        return length + tagLength;
    }

    @Override
    public boolean open(byte[] key, byte[] nonce, byte[] aad, int aadOffset, int aadLength,
                        byte[] ciphertext, int offset, int length, byte[] out, int outOffset) {
        checkArguments(key, nonce, aad, aadOffset, aadLength);
        Objects.checkFromIndexSize(offset, length, ciphertext.length);
        if (length < tagLength) {
            throw new IllegalArgumentException("ciphertext must hold at least the " + tagLength
                    + "-byte tag, was " + length + " bytes");
        }
        int messageLength = length - tagLength;
        Objects.checkFromIndexSize(outOffset, messageLength, out.length);
        checkMessageLength(messageLength);
        setKey(key);
        // Keep the received tag before decrypting: out may overlap the input.
        System.arraycopy(ciphertext, offset + messageLength, receivedTag, 0, tagLength);
        int blocks = generateKeystream(nonce, messageLength);
        xor(ciphertext, offset, keystream, BLOCK, out, outOffset, messageLength);
        cbcMac(nonce, aad, aadOffset, aadLength, out, outOffset, messageLength);
        for (int i = 0; i < tagLength; i++) {
            expectedTag[i] = (byte) (x[i] ^ keystream[i]);
        }
        clearKeystream(blocks);
        boolean valid = MessageDigest.isEqual(expectedTag, receivedTag);
        if (!valid) {
            // Unauthenticated plaintext must not reach anybody (RFC 3610 section 2.5).
            java.util.Arrays.fill(out, outOffset, outOffset + messageLength, (byte) 0);
        }
        return valid;
    }

    /** Leaves the CBC-MAC value T (first M bytes meaningful) in {@code x} (RFC 3610 section 2.2). */
    private void cbcMac(byte[] nonce, byte[] aad, int aadOffset, int aadLength,
                        byte[] message, int offset, int length) {
        byte[] b = y;
        // B_0 = Flags ‖ Nonce N ‖ l(m)
        b[0] = (byte) ((aadLength > 0 ? 0x40 : 0) | (((tagLength - 2) / 2) << 3) | (lengthFieldSize - 1));
        System.arraycopy(nonce, 0, b, 1, nonceLength);
        long l = length;
        for (int i = BLOCK - 1; i > nonceLength; i--) {
            b[i] = (byte) l;
            l >>>= 8;
        }
        encrypt(b, x);
        int pos = 0;
        if (aadLength > 0) {
            // l(a) encoding, RFC 3610 section 2.2: two bytes below 2^16 - 2^8, else 0xFFFE and four bytes.
            if (aadLength < 0xFF00) {
                x[0] ^= (byte) (aadLength >>> 8);
                x[1] ^= (byte) aadLength;
                pos = 2;
            } else {
                x[0] ^= (byte) 0xFF;
                x[1] ^= (byte) 0xFE;
                x[2] ^= (byte) (aadLength >>> 24);
                x[3] ^= (byte) (aadLength >>> 16);
                x[4] ^= (byte) (aadLength >>> 8);
                x[5] ^= (byte) aadLength;
                pos = 6;
            }
            absorbPadded(aad, aadOffset, aadLength, pos);
        }
        if (length > 0) {
            absorbPadded(message, offset, length, 0);
        }
    }

    /** XORs the bytes into the MAC state from block position {@code pos}, encrypting each completed block. */
    private void absorbPadded(byte[] data, int offset, int length, int pos) {
        int i = 0;
        while (i < length) {
            int n = Math.min(BLOCK - pos, length - i);
            for (int j = 0; j < n; j++) {
                x[pos + j] ^= data[offset + i + j];
            }
            i += n;
            pos += n;
            if (pos == BLOCK) {
                encryptInPlace();
                pos = 0;
            }
        }
        if (pos != 0) {
            // Zero padding leaves the state as it is; only the encryption remains.
            encryptInPlace();
        }
    }

    /**
     * Encrypts the counter blocks A_0 ... A_m in one call (RFC 3610 section 2.3); S_0 lands in the first
     * keystream block. Returns the number of blocks.
     */
    private int generateKeystream(byte[] nonce, int length) {
        int blocks = 1 + (length + BLOCK - 1) / BLOCK;
        int bytes = blocks * BLOCK;
        if (counters.length < bytes) {
            counters = new byte[Integer.highestOneBit(bytes - 1) << 1];
            keystream = new byte[counters.length];
        }
        byte flags = (byte) (lengthFieldSize - 1);
        for (int i = 0; i < blocks; i++) {
            int base = i * BLOCK;
            counters[base] = flags;
            System.arraycopy(nonce, 0, counters, base + 1, nonceLength);
            long counter = i;
            for (int j = BLOCK - 1; j > nonceLength; j--) {
                counters[base + j] = (byte) counter;
                counter >>>= 8;
            }
        }
        try {
            aes.update(counters, 0, bytes, keystream, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES refused a counter block", e);
        }
        return blocks;
    }

    private void clearKeystream(int blocks) {
        java.util.Arrays.fill(keystream, 0, blocks * BLOCK, (byte) 0);
    }

    private static void xor(byte[] in, int inOffset, byte[] stream, int streamOffset,
                            byte[] out, int outOffset, int length) {
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = (byte) (in[inOffset + i] ^ stream[streamOffset + i]);
        }
    }

    private void encryptInPlace() {
        encrypt(x, y);
        System.arraycopy(y, 0, x, 0, BLOCK);
    }

    private void encrypt(byte[] in, byte[] out) {
        try {
            aes.update(in, 0, BLOCK, out, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES refused a block", e);
        }
    }

    private void setKey(byte[] key) {
        // Sessions of one thread often follow each other with the same key: skip the key schedule then.
        if (keyed && MessageDigest.isEqual(key, currentKey)) {
            return;
        }
        try {
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            keyed = false;
            throw new IllegalStateException("AES refused a " + key.length + "-byte key", e);
        }
        System.arraycopy(key, 0, currentKey, 0, KEY_LENGTH);
        keyed = true;
    }

    private void checkArguments(byte[] key, byte[] nonce, byte[] aad, int aadOffset, int aadLength) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(nonce, "nonce");
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("key must be " + KEY_LENGTH + " bytes, was " + key.length);
        }
        if (nonce.length != nonceLength) {
            throw new IllegalArgumentException("nonce must be " + nonceLength + " bytes, was " + nonce.length);
        }
        if (aadLength > 0 || aad != null) {
            Objects.requireNonNull(aad, "aad");
            Objects.checkFromIndexSize(aadOffset, aadLength, aad.length);
        }
    }

    private void checkMessageLength(int length) {
        if (length > maxMessageLength) {
            throw new IllegalArgumentException("message must be at most " + maxMessageLength
                    + " bytes with L = " + lengthFieldSize + ", was " + length);
        }
    }
}
