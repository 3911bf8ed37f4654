package io.coaps4j.dtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class HandshakeHashTest {

    @Test
    void currentReadsTheHashAndTheTranscriptGoesOn() throws Exception {
        HandshakeHash hash = HandshakeHash.sha256();
        hash.update("client hello".getBytes());
        byte[] afterHello = hash.current();
        hash.update(new byte[] {0, 'x', 'y', 0}, 1, 2);

        assertThat(afterHello).isEqualTo(sha256("client hello"));
        assertThat(hash.current()).isEqualTo(sha256("client helloxy")).isEqualTo(hash.current());
    }

    @Test
    void copyBranchesIndependently() throws Exception {
        HandshakeHash hash = HandshakeHash.sha256();
        hash.update("abc".getBytes());
        HandshakeHash branch = hash.copy();
        branch.update("def".getBytes());
        assertThat(hash.current()).isEqualTo(sha256("abc"));
        assertThat(branch.current()).isEqualTo(sha256("abcdef"));
    }

    @Test
    void randomSourceFillsOnlyTheRange() {
        RandomSource random = RandomSource.of(new java.security.SecureRandom());
        byte[] target = new byte[64];
        random.nextBytes(target, 8, 48);
        assertThat(java.util.Arrays.copyOfRange(target, 0, 8)).containsOnly(0);
        assertThat(java.util.Arrays.copyOfRange(target, 56, 64)).containsOnly(0);
        assertThat(java.util.Arrays.copyOfRange(target, 8, 56)).isNotEqualTo(new byte[48]);
        assertThat(random.nextBytes(32)).hasSize(32);
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes());
    }
}
