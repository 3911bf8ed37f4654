package io.coaps4j.dtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.dtls.credentials.TestKeys;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The Bouncy Castle provider against known answers and against JCA: RFC 6979's deterministic signatures,
 * the ephemeral scalar taken from the injected bytes, and both providers interoperating in each direction.
 */
class BouncyCastleP256Test {
    private static final PublicKeyCrypto BC = PublicKeyCrypto.bouncyCastle();
    private static final PublicKeyCrypto JCA = PublicKeyCrypto.jca();
    private static final byte[] MESSAGE = P256ProvidersTest.ascii("client certificate verify transcript");

    @Test
    void signaturesAreTheDeterministicOnesOfRfc6979AppendixA_2_5() throws GeneralSecurityException {
        Signer signer = BC.signer(P256Vectors.privateKey(P256Vectors.RFC6979_X));

        assertThat(signer.sign(P256ProvidersTest.ascii("sample")))
                .isEqualTo(P256Vectors.der(P256Vectors.SAMPLE_R, P256Vectors.SAMPLE_S));
        assertThat(signer.sign(P256ProvidersTest.ascii("test")))
                .isEqualTo(P256Vectors.der(P256Vectors.TEST_R, P256Vectors.TEST_S));
    }

    @Test
    void theEphemeralScalarIsTheInjectedBytes() throws GeneralSecurityException {
        byte[] scalar = P256ProvidersTest.unsigned32(P256Vectors.RFC5903_I);
        KeyAgreement initiator = BC.ephemeralKeyAgreement((target, offset, length) -> {
            assertThat(length).as("one draw of the scalar's length").isEqualTo(32);
            System.arraycopy(scalar, 0, target, offset, length);
        });

        assertThat(initiator.publicPoint()).isEqualTo(P256Vectors.RFC5903_GI);
        assertThat(initiator.sharedSecret(P256Vectors.RFC5903_GR)).isEqualTo(P256Vectors.RFC5903_GIR_X);
    }

    @Test
    void signaturesCrossBetweenProvidersBothWays() throws GeneralSecurityException {
        for (int i = 0; i < 8; i++) {
            KeyPair keys = TestKeys.p256();
            byte[] message = BcReference.concat(MESSAGE, new byte[] {(byte) i});

            assertThat(JCA.verifier(keys.getPublic()).verify(message, BC.signer(keys.getPrivate()).sign(message)))
                    .as("signed by Bouncy Castle, verified by JCA").isTrue();
            assertThat(BC.verifier(keys.getPublic()).verify(message, JCA.signer(keys.getPrivate()).sign(message)))
                    .as("signed by JCA, verified by Bouncy Castle").isTrue();
        }
    }

    @Test
    void ecdhAgreesAcrossProviders() throws GeneralSecurityException {
        for (int i = 0; i < 8; i++) {
            KeyAgreement bc = BC.ephemeralKeyAgreement(RandomSource.secure());
            KeyAgreement jca = JCA.ephemeralKeyAgreement(RandomSource.secure());

            byte[] secret = bc.sharedSecret(jca.publicPoint());
            assertThat(secret).hasSize(32).isEqualTo(jca.sharedSecret(bc.publicPoint()));
        }
    }

    @Test
    void aSecretWithLeadingZeroBytesKeepsItsLength() throws GeneralSecurityException {
        // RFC 8422 section 5.10: the premaster secret is the x-coordinate as 32 bytes, leading zeros kept.
        KeyAgreement fixed = BcEcdhP256.of(BigInteger.valueOf(0x1234_5678));
        for (long seed = 0; ; seed++) {
            KeyAgreement peer = BC.ephemeralKeyAgreement(P256Vectors.seeded(seed));
            byte[] secret = fixed.sharedSecret(peer.publicPoint());
            assertThat(secret).hasSize(32).isEqualTo(JcaEcdhP256.of(
                    P256Vectors.keyPair(BigInteger.valueOf(0x1234_5678), fixed.publicPoint())).sharedSecret(peer.publicPoint()));
            if (secret[0] == 0) {
                return;
            }
        }
    }

    @Test
    void aKeyThatHidesItsScalarIsSentToTheJcaProvider() {
        // A P-256 key of a token or PKCS#11 module: an ECKey without the ECPrivateKey scalar.
        final class OpaqueKey implements java.security.PrivateKey, java.security.interfaces.ECKey {
            @Override
            public java.security.spec.ECParameterSpec getParams() {
                return P256Vectors.curve();
            }

            @Override
            public String getAlgorithm() {
                return "EC";
            }

            @Override
            public String getFormat() {
                return null;
            }

            @Override
            public byte[] getEncoded() {
                return null;
            }
        }

        assertThatThrownBy(() -> BC.signer(new OpaqueKey())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OpaqueKey").hasMessageContaining("PublicKeyCrypto.jca()");
    }

    @Test
    void oneSignerServesConcurrentHandshakes() throws Exception {
        KeyPair keys = TestKeys.p256();
        Signer signer = BC.signer(keys.getPrivate());
        SignatureVerifier verifier = BC.verifier(keys.getPublic());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> jobs = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                byte[] message = BcReference.concat(MESSAGE, new byte[] {(byte) i});
                jobs.add(() -> verifier.verify(message, signer.sign(message)));
            }
            for (Future<Boolean> result : pool.invokeAll(jobs)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
