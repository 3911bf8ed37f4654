package io.coaps4j.dtls.record;

import io.coaps4j.dtls.crypto.AeadAlgorithm;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.crypto.KeyBlock;
import java.util.Random;

/** Matching client and server associations for tests. */
final class Associations {
    static final CipherSuite SUITE = CipherSuite.TLS_PSK_WITH_AES_128_CCM_8;

    private Associations() {
    }

    static KeyBlock keyBlock(int seed) {
        byte[] block = new byte[KeyBlock.length(AeadAlgorithm.AES_128_CCM_8)];
        new Random(seed).nextBytes(block);
        return KeyBlock.split(AeadAlgorithm.AES_128_CCM_8, block);
    }

    static SecurityAssociation client(int epoch, KeyBlock keys) {
        return SecurityAssociation.fromKeyBlock(epoch, SUITE, keys, ConnectionEnd.CLIENT);
    }

    static SecurityAssociation server(int epoch, KeyBlock keys) {
        return SecurityAssociation.fromKeyBlock(epoch, SUITE, keys, ConnectionEnd.SERVER);
    }
}
