package io.coaps4j.dtls.crypto;

import io.coaps4j.dtls.credentials.TestKeys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublicKeyCryptoTest {
    private static final byte[] MESSAGE = "server key exchange params".getBytes(StandardCharsets.US_ASCII);

    @Test
    void anEcdsaSignatureVerifiesWithItsKeyOnlyAndOnlyForItsMessage() throws GeneralSecurityException {
        KeyPair keys = TestKeys.p256();
        Signer signer = JcaEcdsa.signer(keys.getPrivate());
        byte[] signature = signer.sign(MESSAGE);

        assertThat(signer.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_SHA256);
        assertThat(JcaEcdsa.verifier(keys.getPublic()).verify(MESSAGE, signature)).isTrue();
        assertThat(JcaEcdsa.verifier(TestKeys.p256().getPublic()).verify(MESSAGE, signature)).isFalse();
        byte[] other = MESSAGE.clone();
        other[0] ^= 1;
        assertThat(JcaEcdsa.verifier(keys.getPublic()).verify(other, signature)).isFalse();
        assertThat(JcaEcdsa.verifier(keys.getPublic()).verify(MESSAGE, Arrays.copyOf(signature, 5))).isFalse();
    }

    @Test
    void onlyP256KeysAreAccepted() {
        assertThat(PublicKeys.isP256(TestKeys.p256().getPublic())).isTrue();
        assertThat(PublicKeys.isP256(TestKeys.ec("secp384r1").getPublic())).isFalse();
        assertThat(PublicKeys.isP256(TestKeys.rsa().getPublic())).isFalse();
        assertThatThrownBy(() -> JcaEcdsa.signer(TestKeys.rsa().getPrivate())).hasMessageContaining("secp256r1");
    }

    @Test
    void bothSidesOfAnEcdhExchangeAgreeAndABadPointIsRefused() throws GeneralSecurityException {
        JcaEcdhP256 client = JcaEcdhP256.generate(new SecureRandom());
        JcaEcdhP256 server = JcaEcdhP256.generate(new SecureRandom());

        assertThat(client.publicPoint()).hasSize(65).startsWith(4);
        byte[] clientSecret = client.sharedSecret(server.publicPoint());
        assertThat(clientSecret).hasSize(32).isEqualTo(server.sharedSecret(client.publicPoint()));

        byte[] offCurve = server.publicPoint();
        offCurve[64] ^= 1;
        assertThatThrownBy(() -> client.sharedSecret(offCurve)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> client.sharedSecret(new byte[33])).isInstanceOf(GeneralSecurityException.class);
    }
}
