package io.coaps4j.dtls.crypto;

import static io.coaps4j.dtls.crypto.P256Vectors.N;
import static io.coaps4j.dtls.crypto.P256Vectors.P;
import static io.coaps4j.dtls.crypto.P256Vectors.der;
import static io.coaps4j.dtls.crypto.P256Vectors.sequenceOfIntegers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.dtls.credentials.TestKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the handshake relies on from either {@link PublicKeyCrypto}, each case run on JCA and on Bouncy Castle:
 * known answers, refusal of bad peer points (the handshake's illegal_parameter) and of malformed or
 * out-of-range signatures (its decrypt_error), keys drawn from the injected randomness, refusal of other keys.
 */
class P256ProvidersTest {
    private static final byte[] MESSAGE = "server key exchange params".getBytes(StandardCharsets.US_ASCII);

    enum Provider {
        JCA(PublicKeyCrypto.jca()) {
            @Override
            KeyAgreement agreementOf(BigInteger d, byte[] publicPoint) throws GeneralSecurityException {
                return JcaEcdhP256.of(P256Vectors.keyPair(d, publicPoint));
            }
        },
        BOUNCY_CASTLE(PublicKeyCrypto.bouncyCastle()) {
            @Override
            KeyAgreement agreementOf(BigInteger d, byte[] publicPoint) {
                return BcEcdhP256.of(d);
            }
        };

        final PublicKeyCrypto crypto;

        Provider(PublicKeyCrypto crypto) {
            this.crypto = crypto;
        }

        /** The agreement of a known key pair; {@code publicPoint} only for providers that cannot derive it. */
        abstract KeyAgreement agreementOf(BigInteger d, byte[] publicPoint) throws GeneralSecurityException;
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void ecdhMatchesRfc5903Section8_1(Provider provider) throws GeneralSecurityException {
        KeyAgreement initiator = provider.agreementOf(P256Vectors.RFC5903_I, P256Vectors.RFC5903_GI);
        KeyAgreement responder = provider.agreementOf(P256Vectors.RFC5903_R, P256Vectors.RFC5903_GR);

        assertThat(initiator.publicPoint()).isEqualTo(P256Vectors.RFC5903_GI);
        assertThat(responder.publicPoint()).isEqualTo(P256Vectors.RFC5903_GR);
        assertThat(initiator.sharedSecret(P256Vectors.RFC5903_GR)).isEqualTo(P256Vectors.RFC5903_GIR_X);
        assertThat(responder.sharedSecret(P256Vectors.RFC5903_GI)).isEqualTo(P256Vectors.RFC5903_GIR_X);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void theEphemeralKeyComesFromTheInjectedRandomnessOnly(Provider provider) throws GeneralSecurityException {
        KeyAgreement first = provider.crypto.ephemeralKeyAgreement(P256Vectors.seeded(7));
        KeyAgreement replay = provider.crypto.ephemeralKeyAgreement(P256Vectors.seeded(7));
        KeyAgreement other = provider.crypto.ephemeralKeyAgreement(P256Vectors.seeded(8));

        assertThat(first.publicPoint()).hasSize(65).startsWith(4).isEqualTo(replay.publicPoint());
        assertThat(other.publicPoint()).isNotEqualTo(first.publicPoint());
        assertThat(first.sharedSecret(other.publicPoint())).hasSize(32)
                .isEqualTo(other.sharedSecret(first.publicPoint()));
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aPeerPointThatIsNotAnUncompressedCurvePointIsRefused(Provider provider) {
        KeyAgreement ours = provider.crypto.ephemeralKeyAgreement(P256Vectors.seeded(1));
        byte[] valid = P256Vectors.RFC5903_GR;

        byte[] offCurve = valid.clone();
        offCurve[64] ^= 1;
        byte[] compressed = new byte[33];
        compressed[0] = (byte) (2 + (valid[64] & 1));
        System.arraycopy(valid, 1, compressed, 1, 32);
        byte[] hybrid = valid.clone();
        hybrid[0] = (byte) (6 + (valid[64] & 1));
        byte[] origin = new byte[65];
        origin[0] = 4;
        byte[] xIsP = valid.clone();
        System.arraycopy(unsigned32(P), 0, xIsP, 1, 32);
        byte[] yIsPlusP = valid.clone(); // y + p still fits 32 bytes only for small y; y = p is outside the field
        System.arraycopy(unsigned32(P), 0, yIsPlusP, 33, 32);

        for (byte[] bad : new byte[][] {offCurve, compressed, hybrid, origin, xIsP, yIsPlusP, {0}, {},
                Arrays.copyOf(valid, 64), Arrays.copyOf(valid, 66)}) {
            assertThatThrownBy(() -> ours.sharedSecret(bad))
                    .as("peer point %s", HexFormat.of().formatHex(bad))
                    .isInstanceOf(GeneralSecurityException.class);
        }
        assertThat(provider.crypto.ephemeralKeyAgreement(P256Vectors.seeded(1)).publicPoint())
                .as("the refusals left the provider usable").isEqualTo(ours.publicPoint());
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aSignatureVerifiesWithItsKeyAndMessageOnly(Provider provider) throws GeneralSecurityException {
        KeyPair keys = TestKeys.p256();
        Signer signer = provider.crypto.signer(keys.getPrivate());
        byte[] signature = signer.sign(MESSAGE);

        assertThat(signer.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_SHA256);
        assertThat(provider.crypto.verifier(keys.getPublic()).algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_SHA256);
        assertThat(provider.crypto.verifier(keys.getPublic()).verify(MESSAGE, signature)).isTrue();
        assertThat(provider.crypto.verifier(TestKeys.p256().getPublic()).verify(MESSAGE, signature)).isFalse();
        byte[] other = MESSAGE.clone();
        other[0] ^= 1;
        assertThat(provider.crypto.verifier(keys.getPublic()).verify(other, signature)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void rAndSOutsideOneToNMinusOneAreRefused(Provider provider) throws GeneralSecurityException {
        KeyPair keys = TestKeys.p256();
        BigInteger[] rs = EcdsaDer.decode(provider.crypto.signer(keys.getPrivate()).sign(MESSAGE), N);
        SignatureVerifier verifier = provider.crypto.verifier(keys.getPublic());
        BigInteger r = rs[0];
        BigInteger s = rs[1];

        assertThat(verifier.verify(MESSAGE, der(r, s))).as("the re-encoded signature").isTrue();
        assertThat(verifier.verify(MESSAGE, der(BigInteger.ZERO, s))).as("r = 0").isFalse();
        assertThat(verifier.verify(MESSAGE, der(r, BigInteger.ZERO))).as("s = 0").isFalse();
        assertThat(verifier.verify(MESSAGE, der(N, s))).as("r = n").isFalse();
        assertThat(verifier.verify(MESSAGE, der(r, N))).as("s = n").isFalse();
        assertThat(verifier.verify(MESSAGE, der(r.add(N), s))).as("r + n").isFalse();
        assertThat(verifier.verify(MESSAGE, der(r, s.add(N)))).as("s + n").isFalse();
        assertThat(verifier.verify(MESSAGE, der(r.subtract(N), s))).as("r - n, negative").isFalse();
        assertThat(verifier.verify(MESSAGE, der(r, s.negate()))).as("-s").isFalse();
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aSignatureThatIsNotStrictDerIsRefused(Provider provider) throws GeneralSecurityException {
        KeyPair keys = TestKeys.p256();
        Signer signer = provider.crypto.signer(keys.getPrivate());
        SignatureVerifier verifier = provider.crypto.verifier(keys.getPublic());
        // A signature whose r has its top bit set: DER needs a leading zero, which a negative encoding drops.
        byte[] message = MESSAGE.clone();
        BigInteger[] rs;
        do {
            message[0]++;
            rs = EcdsaDer.decode(signer.sign(message), N);
        } while (rs[0].bitLength() != 256);
        byte[] r = rs[0].toByteArray();
        byte[] s = rs[1].toByteArray();
        byte[] valid = sequenceOfIntegers(r, s);
        assertThat(verifier.verify(message, valid)).isTrue();

        byte[] negativeR = sequenceOfIntegers(Arrays.copyOfRange(r, 1, r.length), s);
        byte[] paddedS = sequenceOfIntegers(r, concat(new byte[] {0}, s));
        byte[] trailing = Arrays.copyOf(valid, valid.length + 1);
        byte[] longFormLength = concat(new byte[] {0x30, (byte) 0x81, valid[1]}, Arrays.copyOfRange(valid, 2, valid.length));
        byte[] lengthTooShort = valid.clone();
        lengthTooShort[1]--;
        byte[] notASequence = valid.clone();
        notASequence[0] = 0x31;
        byte[] notAnInteger = valid.clone();
        notAnInteger[2] = 0x03;
        byte[] rawP1363 = concat(unsigned32(rs[0]), unsigned32(rs[1]));
        byte[] threeIntegers = concat(new byte[] {0x30, (byte) (valid[1] + 3)}, Arrays.copyOfRange(valid, 2, valid.length),
                new byte[] {0x02, 0x01, 0x01});

        for (byte[] bad : new byte[][] {negativeR, paddedS, trailing, longFormLength, lengthTooShort, notASequence,
                notAnInteger, rawP1363, threeIntegers, Arrays.copyOf(valid, valid.length - 1), {}, {0x30, 0x00}}) {
            assertThat(verifier.verify(message, bad)).as("signature %s", HexFormat.of().formatHex(bad)).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void theRfc6979VectorsVerify(Provider provider) throws GeneralSecurityException {
        SignatureVerifier verifier = provider.crypto.verifier(
                P256Vectors.publicKey(P256Vectors.RFC6979_UX, P256Vectors.RFC6979_UY));

        assertThat(verifier.verify(ascii("sample"), der(P256Vectors.SAMPLE_R, P256Vectors.SAMPLE_S))).isTrue();
        assertThat(verifier.verify(ascii("test"), der(P256Vectors.TEST_R, P256Vectors.TEST_S))).isTrue();
        assertThat(verifier.verify(ascii("test"), der(P256Vectors.SAMPLE_R, P256Vectors.SAMPLE_S))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void keysOtherThanP256AreRefusedByName(Provider provider) {
        assertThatThrownBy(() -> provider.crypto.signer(TestKeys.rsa().getPrivate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secp256r1").hasMessageContaining("RSA");
        assertThatThrownBy(() -> provider.crypto.verifier(TestKeys.rsa().getPublic()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secp256r1");
        assertThatThrownBy(() -> provider.crypto.signer(TestKeys.ec("secp384r1").getPrivate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secp256r1");
        assertThatThrownBy(() -> provider.crypto.verifier(TestKeys.ec("secp384r1").getPublic()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secp256r1");
    }

    static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
        return out;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        return BcReference.concat(parts);
    }
}
