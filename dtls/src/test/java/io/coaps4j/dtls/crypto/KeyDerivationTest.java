package io.coaps4j.dtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyDerivationTest {
    private final Prf prf = new HmacSha256Prf();
    private final byte[] clientRandom = bytes(32, 1);
    private final byte[] serverRandom = bytes(32, 2);

    @Test
    void pskPremasterSecretIsLengthZerosLengthPsk() {
        byte[] psk = {0x11, 0x22, 0x33};
        assertThat(HexFormat.of().formatHex(KeyDerivation.pskPremasterSecret(psk)))
                .isEqualTo("0003" + "000000" + "0003" + "112233");
        assertThat(HexFormat.of().formatHex(KeyDerivation.pskPremasterSecret(new byte[] {(byte) 0xAA, 0x01}, psk)))
                .isEqualTo("0002" + "aa01" + "0003" + "112233");
        assertThatThrownBy(() -> KeyDerivation.pskPremasterSecret(new byte[0])).hasMessageContaining("psk");
    }

    @Test
    void masterSecretUsesClientThenServerRandom() {
        byte[] premaster = KeyDerivation.pskPremasterSecret("secretPSK".getBytes());
        byte[] master = KeyDerivation.masterSecret(prf, premaster, clientRandom, serverRandom);
        assertThat(master).hasSize(48).isEqualTo(BcReference.prf(premaster, "master secret",
                BcReference.concat(clientRandom, serverRandom), 48));
    }

    @Test
    void extendedMasterSecretUsesTheSessionHash() {
        byte[] premaster = bytes(20, 3);
        byte[] sessionHash = bytes(32, 4);
        byte[] master = KeyDerivation.extendedMasterSecret(prf, premaster, sessionHash);
        assertThat(master).isEqualTo(BcReference.prf(premaster, "extended master secret", sessionHash, 48));
        assertThat(master).isNotEqualTo(KeyDerivation.masterSecret(prf, premaster, clientRandom, serverRandom));
    }

    @Test
    void keyBlockIsCutInRfc5246Order() {
        byte[] master = bytes(48, 5);
        KeyBlock keys = KeyDerivation.keyBlock(prf, master, clientRandom, serverRandom, AeadAlgorithm.AES_128_CCM_8);
        byte[] block = BcReference.prf(master, "key expansion", BcReference.concat(serverRandom, clientRandom), 40);
        assertThat(keys.clientWriteKey()).isEqualTo(Arrays.copyOfRange(block, 0, 16));
        assertThat(keys.serverWriteKey()).isEqualTo(Arrays.copyOfRange(block, 16, 32));
        assertThat(keys.clientWriteIv()).isEqualTo(Arrays.copyOfRange(block, 32, 36));
        assertThat(keys.serverWriteIv()).isEqualTo(Arrays.copyOfRange(block, 36, 40));
        assertThat(keys.writeKey(ConnectionEnd.SERVER)).isEqualTo(keys.serverWriteKey());
        assertThat(keys.writeIv(ConnectionEnd.CLIENT)).isEqualTo(keys.clientWriteIv());
        assertThat(keys.toString()).doesNotContain(HexFormat.of().formatHex(keys.clientWriteKey()));
    }

    @Test
    void verifyDataDependsOnTheSender() {
        byte[] master = bytes(48, 6);
        byte[] hash = bytes(32, 7);
        byte[] client = KeyDerivation.verifyData(prf, master, ConnectionEnd.CLIENT, hash);
        byte[] server = KeyDerivation.verifyData(prf, master, ConnectionEnd.SERVER, hash);
        assertThat(client).hasSize(12).isEqualTo(BcReference.prf(master, "client finished", hash, 12));
        assertThat(server).isEqualTo(BcReference.prf(master, "server finished", hash, 12));
    }

    @Test
    void rejectsWrongSizesNamingTheArgument() {
        assertThatThrownBy(() -> KeyDerivation.masterSecret(prf, bytes(8, 1), new byte[31], serverRandom))
                .hasMessageContaining("clientRandom must be 32 bytes");
        assertThatThrownBy(() -> KeyDerivation.verifyData(prf, new byte[47], ConnectionEnd.CLIENT, new byte[32]))
                .hasMessageContaining("masterSecret must be 48 bytes");
        assertThatThrownBy(() -> KeyBlock.split(AeadAlgorithm.AES_128_CCM_8, new byte[39]))
                .hasMessageContaining("key block must be 40 bytes");
        assertThatThrownBy(() -> new KeyBlock(AeadAlgorithm.AES_128_CCM_8, new byte[16], new byte[16],
                new byte[4], new byte[5])).hasMessageContaining("serverWriteIv must be 4 bytes");
    }

    @Test
    void cipherSuitesByCode() {
        assertThat(CipherSuite.forCode(0xC0A8)).contains(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8);
        assertThat(CipherSuite.forCode(0xC0AE)).contains(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8);
        assertThat(CipherSuite.forCode(0x002F)).isEmpty();
    }

    static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
