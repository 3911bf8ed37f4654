package io.coaps4j.dtls.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-128 in CCM mode (RFC 3610) built on JCA AES, because the JDK's default providers offer no CCM: the
 * counter-mode keystream comes from {@code AES/ECB/NoPadding} over the counter blocks, the CBC-MAC from
 * {@code AES/CBC/NoPadding} with a zero IV over the formatted blocks. Parametrised by the tag length M and
 * the length-field size L so that the RFC 3610 test vectors (L = 2) exercise the same code as the TLS
 * suites (M = 8, L = 3, RFC 6655).
 *
 * <p>One instance serves every session of a thread: the key is passed per call, and a bounded cache of
 * keyed ciphers spares recomputing the AES key schedule for recently used keys. Not thread-safe.
 */
public final class AesCcm implements Aead {
    private static final int BLOCK = 16;
    private static final int KEY_LENGTH = 16;
    private static final IvParameterSpec ZERO_IV = new IvParameterSpec(new byte[BLOCK]);

    private final int tagLength;
    private final int lengthFieldSize;
    private final int nonceLength;
    private final long maxMessageLength;

    /**
     * Ciphers already keyed for recently used keys. Keying a JCA AES cipher costs about 1.5 µs (the JDK
     * expands the key schedule anew for each new key), several times a small record's whole seal, and a
     * server alternates between every session's read and write keys, so one keyed cipher would almost never
     * be reused. The slot comes from the key array's identity hash and the key's offset in it, never from the key
     * bytes, so cache timing
     * reveals nothing about keys.
     */
    private final KeyedAes[] keyCache;
    /** The entry of the current call's key. */
    private KeyedAes aes;

    // Per-thread scratch, reused by every call.
    private final byte[] x = new byte[BLOCK];
    private final byte[] chainInput = new byte[BLOCK];
    private byte[] macInput = new byte[BLOCK * 8];
    private byte[] macOutput = new byte[BLOCK * 8];
    private final byte[] expectedTag;
    private final byte[] receivedTag;
    private byte[] counters = new byte[BLOCK * 8];
    private byte[] keystream = new byte[BLOCK * 8];

    /** Keyed ciphers kept per instance unless told otherwise: enough for 128 busy sessions. */
    public static final int DEFAULT_KEY_CACHE_SIZE = 256;

    /**
     * @param tagLength       M: 4, 6, 8, 10, 12, 14 or 16 bytes
     * @param lengthFieldSize L: 2 to 8 bytes; the nonce has {@code 15 - L} bytes
     */
    public AesCcm(int tagLength, int lengthFieldSize) {
        this(tagLength, lengthFieldSize, DEFAULT_KEY_CACHE_SIZE);
    }

    /**
     * @param tagLength       M: 4, 6, 8, 10, 12, 14 or 16 bytes
     * @param lengthFieldSize L: 2 to 8 bytes; the nonce has {@code 15 - L} bytes
     * @param keyCacheSize    how many keyed ciphers to keep (a power of two, 1 to 65536); each holds about
     *                        two kilobytes once used
     */
    public AesCcm(int tagLength, int lengthFieldSize, int keyCacheSize) {
        if (tagLength < 4 || tagLength > 16 || (tagLength & 1) != 0) {
            throw new IllegalArgumentException("tagLength must be 4, 6, ..., 16, was " + tagLength);
        }
        if (lengthFieldSize < 2 || lengthFieldSize > 8) {
            throw new IllegalArgumentException("lengthFieldSize must be 2 to 8, was " + lengthFieldSize);
        }
        if (keyCacheSize < 1 || keyCacheSize > 65536 || Integer.bitCount(keyCacheSize) != 1) {
            throw new IllegalArgumentException("keyCacheSize must be a power of two from 1 to 65536, was "
                    + keyCacheSize);
        }
        this.tagLength = tagLength;
        this.lengthFieldSize = lengthFieldSize;
        this.nonceLength = 15 - lengthFieldSize;
        this.maxMessageLength = lengthFieldSize >= 4 ? Integer.MAX_VALUE : (1L << (8 * lengthFieldSize)) - 1;
        this.expectedTag = new byte[tagLength];
        this.receivedTag = new byte[tagLength];
        this.keyCache = new KeyedAes[keyCacheSize];
        // Fail at construction, not at the first record, when the platform lacks AES.
        this.aes = new KeyedAes();
        keyCache[0] = aes;
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
        checkKeyLength(key);
        return seal(key, 0, nonce, aad, aadOffset, aadLength, plaintext, offset, length, out, outOffset);
    }

    @Override
    public int seal(byte[] key, int keyOffset, byte[] nonce, byte[] aad, int aadOffset, int aadLength,
                    byte[] plaintext, int offset, int length, byte[] out, int outOffset) {
        checkArguments(key, keyOffset, nonce, aad, aadOffset, aadLength);
        Objects.checkFromIndexSize(offset, length, plaintext.length);
        Objects.checkFromIndexSize(outOffset, length + tagLength, out.length);
        checkMessageLength(length);
        setKey(key, keyOffset);
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
        checkKeyLength(key);
        return open(key, 0, nonce, aad, aadOffset, aadLength, ciphertext, offset, length, out, outOffset);
    }

    @Override
    public boolean open(byte[] key, int keyOffset, byte[] nonce, byte[] aad, int aadOffset, int aadLength,
                        byte[] ciphertext, int offset, int length, byte[] out, int outOffset) {
        checkArguments(key, keyOffset, nonce, aad, aadOffset, aadLength);
        Objects.checkFromIndexSize(offset, length, ciphertext.length);
        if (length < tagLength) {
            throw new IllegalArgumentException("ciphertext must hold at least the " + tagLength
                    + "-byte tag, was " + length + " bytes");
        }
        int messageLength = length - tagLength;
        Objects.checkFromIndexSize(outOffset, messageLength, out.length);
        checkMessageLength(messageLength);
        setKey(key, keyOffset);
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
            Arrays.fill(out, outOffset, outOffset + messageLength, (byte) 0);
        }
        return valid;
    }

    /**
     * Leaves the CBC-MAC value T (first M bytes meaningful) in {@code x} (RFC 3610 section 2.2). The blocks
     * B_0 ... B_n are laid out once and run through JCA's CBC mode with a zero IV in a single call: its last
     * output block is the CBC-MAC, and the one call avoids a JCA round trip per block.
     */
    private void cbcMac(byte[] nonce, byte[] aad, int aadOffset, int aadLength,
                        byte[] message, int offset, int length) {
        int aadHeader = aadLength == 0 ? 0 : aadLength < 0xFF00 ? 2 : 6;
        int aadBytes = roundUp(aadHeader + aadLength);
        int total = BLOCK + aadBytes + roundUp(length);
        if (macInput.length < total) {
            macInput = new byte[Integer.highestOneBit(total - 1) << 1];
            macOutput = new byte[macInput.length];
        }
        byte[] b = macInput;
        // B_0 = Flags ‖ Nonce N ‖ l(m)
        b[0] = (byte) ((aadLength > 0 ? 0x40 : 0) | (((tagLength - 2) / 2) << 3) | (lengthFieldSize - 1));
        System.arraycopy(nonce, 0, b, 1, nonceLength);
        long l = length;
        for (int i = BLOCK - 1; i > nonceLength; i--) {
            b[i] = (byte) l;
            l >>>= 8;
        }
        int pos = BLOCK;
        if (aadLength > 0) {
            // l(a), RFC 3610 section 2.2: two bytes below 2^16 - 2^8, else 0xFFFE and four bytes.
            if (aadHeader == 2) {
                b[pos] = (byte) (aadLength >>> 8);
                b[pos + 1] = (byte) aadLength;
            } else {
                b[pos] = (byte) 0xFF;
                b[pos + 1] = (byte) 0xFE;
                b[pos + 2] = (byte) (aadLength >>> 24);
                b[pos + 3] = (byte) (aadLength >>> 16);
                b[pos + 4] = (byte) (aadLength >>> 8);
                b[pos + 5] = (byte) aadLength;
            }
            System.arraycopy(aad, aadOffset, b, pos + aadHeader, aadLength);
            Arrays.fill(b, pos + aadHeader + aadLength, pos + aadBytes, (byte) 0);
            pos += aadBytes;
        }
        System.arraycopy(message, offset, b, pos, length);
        Arrays.fill(b, pos + length, total, (byte) 0);
        try {
            if (aes.cbcFor(total / BLOCK)) {
                aes.cbc.doFinal(b, 0, total, macOutput, 0);
                System.arraycopy(macOutput, total - BLOCK, x, 0, BLOCK);
            } else {
                chainWithEcb(b, total);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES refused the MAC input", e);
        }
    }

    /**
     * The same CBC chain with the ECB cipher, one block per call: X_{i+1} = E(X_i xor B_i), X_0 = 0. Input and
     * output are separate arrays: JCA copies an input that shares its array with the output.
     */
    private void chainWithEcb(byte[] blocks, int total) throws GeneralSecurityException {
        aes.ecb.update(blocks, 0, BLOCK, x, 0);
        for (int pos = BLOCK; pos < total; pos += BLOCK) {
            for (int i = 0; i < BLOCK; i++) {
                chainInput[i] = (byte) (x[i] ^ blocks[pos + i]);
            }
            aes.ecb.update(chainInput, 0, BLOCK, x, 0);
        }
    }

    private static int roundUp(int length) {
        return (length + BLOCK - 1) & -BLOCK;
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
            aes.ecb.update(counters, 0, bytes, keystream, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES refused a counter block", e);
        }
        return blocks;
    }

    private void clearKeystream(int blocks) {
        Arrays.fill(keystream, 0, blocks * BLOCK, (byte) 0);
    }

    private static void xor(byte[] in, int inOffset, byte[] stream, int streamOffset,
                            byte[] out, int outOffset, int length) {
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = (byte) (in[inOffset + i] ^ stream[streamOffset + i]);
        }
    }

    private void setKey(byte[] key, int keyOffset) {
        int slot = (System.identityHashCode(key) + keyOffset) & (keyCache.length - 1);
        KeyedAes entry = keyCache[slot];
        if (entry == null) {
            entry = new KeyedAes();
            keyCache[slot] = entry;
        }
        entry.use(key, keyOffset);
        aes = entry;
    }

    /**
     * AES keyed once for one key: ECB for the keystream and, once the key has proved busy, CBC with a zero IV
     * for the CBC-MAC. Until then the MAC chains through the ECB cipher a block per call. Keying costs each
     * cipher a full key schedule (about 2 µs on JDK 17, which also expands the decryption schedule neither
     * mode uses), while chaining through ECB costs a small record only some 50 to 100 ns more than the one
     * CBC call: a session that ends after a handshake and a request or two (six records) never pays for the
     * second schedule, and a busy one pays for it once.
     */
    private static final class KeyedAes {
        /** MACs computed through ECB before the CBC cipher is keyed: about one key schedule's worth. */
        static final int MACS_BEFORE_CBC = 16;
        /** Longer MAC inputs (in blocks) key the CBC cipher at once: per-block calls would cost more. */
        static final int LONGEST_ECB_CHAIN = 8;

        final byte[] key = new byte[KEY_LENGTH];
        final Cipher ecb;
        final Cipher cbc;
        boolean keyed;
        boolean cbcKeyed;
        int ecbMacs;

        KeyedAes() {
            try {
                ecb = Cipher.getInstance("AES/ECB/NoPadding");
                cbc = Cipher.getInstance("AES/CBC/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the Java platform must provide AES/ECB and AES/CBC without padding",
                        e);
            }
        }

        /** Reads a key as two longs: every call compares keys, and MessageDigest.isEqual costs three times as much. */
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
                ByteOrder.LITTLE_ENDIAN);

        /** Whether {@code newKey} (16 bytes) is this entry's key; constant time, as for any secret. */
        boolean holds(byte[] newKey, int offset) {
            long difference = ((long) LONGS.get(newKey, offset) ^ (long) LONGS.get(key, 0))
                    | ((long) LONGS.get(newKey, offset + 8) ^ (long) LONGS.get(key, 8));
            return difference == 0;
        }

        void use(byte[] newKey, int offset) {
            if (keyed && holds(newKey, offset)) {
                return;
            }
            keyed = false;
            cbcKeyed = false;
            ecbMacs = 0;
            try {
                ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(newKey, offset, KEY_LENGTH, "AES"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES refused a " + KEY_LENGTH + "-byte key", e);
            }
            System.arraycopy(newKey, offset, key, 0, KEY_LENGTH);
            keyed = true;
        }

        /** Whether a MAC over {@code blocks} blocks should run through {@link #cbc}, keying it when it is time. */
        boolean cbcFor(int blocks) throws GeneralSecurityException {
            if (cbcKeyed) {
                return true;
            }
            if (blocks <= LONGEST_ECB_CHAIN && ecbMacs < MACS_BEFORE_CBC) {
                ecbMacs++;
                return false;
            }
            // doFinal returns a CBC cipher to this zero IV, so each MAC starts afresh.
            cbc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), ZERO_IV);
            cbcKeyed = true;
            return true;
        }
    }

    private static void checkKeyLength(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("key must be " + KEY_LENGTH + " bytes, was " + key.length);
        }
    }

    private void checkArguments(byte[] key, int keyOffset, byte[] nonce, byte[] aad, int aadOffset, int aadLength) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(nonce, "nonce");
        Objects.checkFromIndexSize(keyOffset, KEY_LENGTH, key.length);
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
