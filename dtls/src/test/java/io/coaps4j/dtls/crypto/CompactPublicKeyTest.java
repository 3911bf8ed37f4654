package io.coaps4j.dtls.crypto;

import io.coaps4j.dtls.credentials.TestKeys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A peer's key as a session keeps it: its point only, yet the same key as the platform's for every use. */
class CompactPublicKeyTest {
    private static final byte[] MESSAGE = "certificate verify".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aReceivedKeyIsTheSameKeyAsThePlatformsInTheCompactForm() {
        PublicKey platform = TestKeys.p256().getPublic();
        PublicKey received = PublicKeys.fromSubjectPublicKeyInfo(platform.getEncoded());

        assertThat(received).isInstanceOf(P256PublicKey.class);
        assertThat(received.getEncoded()).isEqualTo(platform.getEncoded());
        assertThat(received).isEqualTo(platform);
        assertThat(platform).isEqualTo(received);
        assertThat(received.hashCode()).isEqualTo(platform.hashCode());
        assertThat(new HashSet<>(Set.of(platform))).contains(received);
        assertThat(((ECPublicKey) received).getW()).isEqualTo(((ECPublicKey) platform).getW());
        assertThat(PublicKeys.isP256(received)).isTrue();
        assertThat(PublicKeys.compact(platform)).isEqualTo(received);
        assertThat(PublicKeys.compact(received)).isSameAs(received);
    }

    @Test
    void bothProvidersVerifyWithTheCompactKey() throws GeneralSecurityException {
        KeyPair keys = TestKeys.p256();
        PublicKey compact = PublicKeys.compact(keys.getPublic());
        for (PublicKeyCrypto crypto : new PublicKeyCrypto[] {PublicKeyCrypto.jca(), PublicKeyCrypto.bouncyCastle()}) {
            byte[] signature = crypto.signer(keys.getPrivate()).sign(MESSAGE);
            assertThat(crypto.verifier(compact).verify(MESSAGE, signature)).as(crypto.toString()).isTrue();
            byte[] other = MESSAGE.clone();
            other[0] ^= 1;
            assertThat(crypto.verifier(compact).verify(other, signature)).as(crypto.toString()).isFalse();
        }
    }

    @Test
    void aPointOffTheCurveIsRefusedWhenTheKeyIsRead() {
        byte[] encoded = TestKeys.p256().getPublic().getEncoded();
        encoded[encoded.length - 1] ^= 1;

        assertThatThrownBy(() -> PublicKeys.fromSubjectPublicKeyInfo(encoded))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secp256r1");
    }

    @Test
    void otherEncodingsStillGoThroughThePlatformAndOtherCurvesAreRefused() {
        byte[] p384 = TestKeys.ec("secp384r1").getPublic().getEncoded();
        assertThatThrownBy(() -> PublicKeys.fromSubjectPublicKeyInfo(p384))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secp256r1");
        byte[] truncated = Arrays.copyOf(TestKeys.p256().getPublic().getEncoded(), 60);
        assertThatThrownBy(() -> PublicKeys.fromSubjectPublicKeyInfo(truncated))
                .isInstanceOf(IllegalArgumentException.class);
        PublicKey rsa = TestKeys.rsa().getPublic();
        assertThat(PublicKeys.compact(rsa)).isSameAs(rsa);
    }
}
