package io.coaps4j.dtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Our CCM against Bouncy Castle's CCMBlockCipher, and its failure behaviour. */
class AesCcmPropertiesTest {
    private final AesCcm ccm8 = AesCcm.ccm8();

    @Property(tries = 300)
    void sealMatchesBouncyCastleAndOpens(@ForAll @Size(16) byte[] key, @ForAll @Size(12) byte[] nonce,
                                         @ForAll("aad") byte[] aad, @ForAll("plaintexts") byte[] plaintext) {
        byte[] expected = BcReference.ccmSeal(key, nonce, aad, plaintext, 8);

        byte[] sealed = new byte[plaintext.length + 8];
        ccm8.seal(key, nonce, aad, 0, aad.length, plaintext, 0, plaintext.length, sealed, 0);
        assertThat(sealed).isEqualTo(expected);

        byte[] opened = new byte[plaintext.length];
        assertThat(ccm8.open(key, nonce, aad, 0, aad.length, sealed, 0, sealed.length, opened, 0)).isTrue();
        assertThat(opened).isEqualTo(plaintext);
    }

    @Property(tries = 100)
    void otherTagAndLengthFieldSizesMatchBouncyCastle(@ForAll @Size(16) byte[] key,
                                                      @ForAll @IntRange(min = 2, max = 8) int halfTag,
                                                      @ForAll @IntRange(min = 2, max = 8) int lengthFieldSize,
                                                      @ForAll("aad") byte[] aad,
                                                      @ForAll("plaintexts") byte[] plaintext) {
        int tagLength = 2 * halfTag;
        byte[] nonce = new byte[15 - lengthFieldSize];
        new Random(Arrays.hashCode(key)).nextBytes(nonce);
        AesCcm ccm = new AesCcm(tagLength, lengthFieldSize);
        byte[] sealed = new byte[plaintext.length + tagLength];
        ccm.seal(key, nonce, aad, 0, aad.length, plaintext, 0, plaintext.length, sealed, 0);
        assertThat(sealed).isEqualTo(BcReference.ccmSeal(key, nonce, aad, plaintext, tagLength));
    }

    @Property(tries = 200)
    void anyFlippedBitMakesOpenFailAndRevealsNothing(@ForAll @Size(16) byte[] key, @ForAll @Size(12) byte[] nonce,
                                                     @ForAll @Size(max = 40) byte[] aad,
                                                     @ForAll @Size(min = 1, max = 100) byte[] plaintext,
                                                     @ForAll @IntRange(min = 0, max = 100_000) int position) {
        byte[] sealed = new byte[plaintext.length + 8];
        ccm8.seal(key, nonce, aad, 0, aad.length, plaintext, 0, plaintext.length, sealed, 0);
        int bits = 8 * (sealed.length + aad.length + nonce.length);
        int bit = position % bits;
        byte[] badAad = aad.clone();
        byte[] badSealed = sealed.clone();
        byte[] badNonce = nonce.clone();
        int byteIndex = bit / 8;
        if (byteIndex < sealed.length) {
            badSealed[byteIndex] ^= (byte) (1 << (bit % 8));
        } else if (byteIndex < sealed.length + aad.length) {
            badAad[byteIndex - sealed.length] ^= (byte) (1 << (bit % 8));
        } else {
            badNonce[byteIndex - sealed.length - aad.length] ^= (byte) (1 << (bit % 8));
        }
        byte[] out = new byte[plaintext.length];
        Arrays.fill(out, (byte) 0x55);

        boolean valid = ccm8.open(key, badNonce, badAad, 0, badAad.length, badSealed, 0, badSealed.length, out, 0);

        assertThat(valid).isFalse();
        assertThat(out).containsOnly(0);
    }

    @Example
    void sealsAndOpensInPlaceAndAtOffsets() {
        byte[] key = bytes(16, 1);
        byte[] nonce = bytes(12, 2);
        byte[] aad = bytes(13, 3);
        byte[] plaintext = bytes(100, 4);
        byte[] expected = BcReference.ccmSeal(key, nonce, aad, plaintext, 8);

        byte[] buffer = new byte[5 + plaintext.length + 8];
        System.arraycopy(plaintext, 0, buffer, 5, plaintext.length);
        ccm8.seal(key, nonce, aad, 0, aad.length, buffer, 5, plaintext.length, buffer, 5);
        assertThat(Arrays.copyOfRange(buffer, 5, buffer.length)).isEqualTo(expected);

        assertThat(ccm8.open(key, nonce, aad, 0, aad.length, buffer, 5, plaintext.length + 8, buffer, 5)).isTrue();
        assertThat(Arrays.copyOfRange(buffer, 5, 5 + plaintext.length)).isEqualTo(plaintext);
    }

    @Example
    void aadOfAtLeast0xFF00BytesUsesTheSixByteLengthEncoding() {
        byte[] key = bytes(16, 5);
        byte[] nonce = bytes(12, 6);
        byte[] aad = bytes(0xFF00 + 7, 7);
        byte[] plaintext = bytes(33, 8);
        byte[] sealed = new byte[plaintext.length + 8];
        ccm8.seal(key, nonce, aad, 0, aad.length, plaintext, 0, plaintext.length, sealed, 0);
        assertThat(sealed).isEqualTo(BcReference.ccmSeal(key, nonce, aad, plaintext, 8));
    }

    @Example
    void alternatingKeysGiveEachKeysOwnResult() {
        byte[] keyA = bytes(16, 9);
        byte[] keyB = bytes(16, 10);
        byte[] nonce = bytes(12, 11);
        byte[] plaintext = bytes(40, 12);
        for (int round = 0; round < 3; round++) {
            for (byte[] key : new byte[][] {keyA, keyB}) {
                byte[] sealed = new byte[48];
                ccm8.seal(key, nonce, null, 0, 0, plaintext, 0, 40, sealed, 0);
                assertThat(sealed).isEqualTo(BcReference.ccmSeal(key, nonce, new byte[0], plaintext, 8));
            }
        }
        // The same array with changed content must not reuse the old key schedule.
        byte[] mutable = keyA.clone();
        byte[] first = new byte[48];
        ccm8.seal(mutable, nonce, null, 0, 0, plaintext, 0, 40, first, 0);
        mutable[0] ^= 1;
        byte[] second = new byte[48];
        ccm8.seal(mutable, nonce, null, 0, 0, plaintext, 0, 40, second, 0);
        assertThat(second).isEqualTo(BcReference.ccmSeal(mutable, nonce, new byte[0], plaintext, 8));
        // Nor a change in the key's last byte (the comparison reads the key in two halves).
        mutable[15] ^= 1;
        byte[] third = new byte[48];
        ccm8.seal(mutable, nonce, null, 0, 0, plaintext, 0, 40, third, 0);
        assertThat(third).isEqualTo(BcReference.ccmSeal(mutable, nonce, new byte[0], plaintext, 8));
    }

    /**
     * A key MACs through its ECB cipher at first and through CBC once busy or given a long message: every
     * record of a long-lived key, short and long, before and after that switch, must match the reference.
     */
    @Example
    void oneKeyStaysCorrectAcrossTheSwitchFromEcbChainingToCbc() {
        byte[] key = bytes(16, 20);
        byte[] nonce = bytes(12, 21);
        byte[] aad = bytes(13, 22);
        for (int record = 0; record < 60; record++) {
            int length = record == 5 ? 300 : record % 40; // one long record early, then short ones
            byte[] plaintext = bytes(length, record);
            byte[] sealed = new byte[length + 8];
            ccm8.seal(key, nonce, aad, 0, aad.length, plaintext, 0, length, sealed, 0);
            assertThat(sealed).as("record %d", record).isEqualTo(BcReference.ccmSeal(key, nonce, aad, plaintext, 8));
            byte[] opened = new byte[length];
            assertThat(ccm8.open(key, nonce, aad, 0, aad.length, sealed, 0, sealed.length, opened, 0)).isTrue();
            assertThat(opened).isEqualTo(plaintext);
        }
        // A key that never sees a long record switches after enough short ones.
        byte[] other = bytes(16, 23);
        for (int record = 0; record < 40; record++) {
            byte[] plaintext = bytes(record % 24, record);
            byte[] sealed = new byte[plaintext.length + 8];
            ccm8.seal(other, nonce, null, 0, 0, plaintext, 0, plaintext.length, sealed, 0);
            assertThat(sealed).as("record %d", record)
                    .isEqualTo(BcReference.ccmSeal(other, nonce, new byte[0], plaintext, 8));
        }
    }

    @Example
    void moreKeysThanCacheSlotsStillEncryptEachWithItsOwnKey() {
        byte[] nonce = bytes(12, 13);
        byte[] plaintext = bytes(20, 14);
        byte[][] keys = new byte[40][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = bytes(16, 100 + i);
        }
        for (int cacheSize : new int[] {1, 2, 16}) {
            AesCcm ccm = new AesCcm(8, 3, cacheSize);
            for (int round = 0; round < 3; round++) {
                for (byte[] key : keys) {
                    byte[] sealed = new byte[28];
                    ccm.seal(key, nonce, null, 0, 0, plaintext, 0, 20, sealed, 0);
                    assertThat(sealed).isEqualTo(BcReference.ccmSeal(key, nonce, new byte[0], plaintext, 8));
                }
            }
        }
        assertThatThrownBy(() -> new AesCcm(8, 3, 3)).hasMessageContaining("keyCacheSize");
    }

    @Example
    void rejectsWrongSizesNamingThem() {
        byte[] out = new byte[64];
        assertThatThrownBy(() -> ccm8.seal(new byte[15], new byte[12], null, 0, 0, new byte[8], 0, 8, out, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key must be 16 bytes");
        assertThatThrownBy(() -> ccm8.seal(new byte[16], new byte[13], null, 0, 0, new byte[8], 0, 8, out, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonce must be 12 bytes");
        assertThatThrownBy(() -> ccm8.open(new byte[16], new byte[12], null, 0, 0, new byte[7], 0, 7, out, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least the 8-byte tag");
        assertThatThrownBy(() -> new AesCcm(7, 3)).hasMessageContaining("tagLength");
        assertThatThrownBy(() -> new AesCcm(8, 1)).hasMessageContaining("lengthFieldSize");
        AesCcm shortLength = new AesCcm(8, 2);
        byte[] big = new byte[0x10000];
        assertThatThrownBy(() -> shortLength.seal(new byte[16], new byte[13], null, 0, 0, big, 0, big.length,
                new byte[big.length + 8], 0)).hasMessageContaining("at most 65535 bytes");
    }

    @Provide
    Arbitrary<byte[]> aad() {
        return Arbitraries.oneOf(
                Arbitraries.just(new byte[0]),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40),
                Arbitraries.bytes().array(byte[].class).ofMinSize(200).ofMaxSize(600));
    }

    @Provide
    Arbitrary<byte[]> plaintexts() {
        return Arbitraries.oneOf(
                Arbitraries.just(new byte[0]),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1024).ofMaxSize(2100));
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
