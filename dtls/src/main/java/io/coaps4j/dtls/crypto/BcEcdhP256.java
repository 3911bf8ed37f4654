package io.coaps4j.dtls.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.util.BigIntegers;

/**
 * Ephemeral ECDH on secp256r1 over Bouncy Castle's lightweight API, points uncompressed (RFC 8422 section
 * 5.4.1). The key pair is drawn from the given randomness; its public point is a fixed-base multiplication
 * on the precomputed comb table of {@link BcP256}.
 */
final class BcEcdhP256 implements KeyAgreement {
    private final ECPrivateKeyParameters privateKey;
    private final byte[] publicPoint;

    private BcEcdhP256(ECPrivateKeyParameters privateKey, ECPublicKeyParameters publicKey) {
        this.privateKey = privateKey;
        this.publicPoint = publicKey.getQ().getEncoded(false);
    }

    /** A fresh ephemeral key pair drawn from {@code random}. */
    static BcEcdhP256 generate(SecureRandom random) {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(BcP256.DOMAIN, random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        return new BcEcdhP256((ECPrivateKeyParameters) pair.getPrivate(), (ECPublicKeyParameters) pair.getPublic());
    }

    /** The key pair of the private scalar {@code d}: for known-answer tests. */
    static BcEcdhP256 of(BigInteger d) {
        ECPrivateKeyParameters privateKey = new ECPrivateKeyParameters(d, BcP256.DOMAIN);
        return new BcEcdhP256(privateKey, new ECPublicKeyParameters(
                BcP256.DOMAIN.getG().multiply(d).normalize(), BcP256.DOMAIN));
    }

    @Override
    public byte[] publicPoint() {
        return publicPoint.clone();
    }

    @Override
    public byte[] sharedSecret(byte[] peerPoint) throws GeneralSecurityException {
        ECPublicKeyParameters peer = BcP256.peerPoint(peerPoint);
        ECDHBasicAgreement agreement = new ECDHBasicAgreement();
        agreement.init(privateKey);
        try {
            BigInteger x = agreement.calculateAgreement(peer);
            // The premaster secret is the x-coordinate with its leading zeros (RFC 8422 section 5.10).
            return BigIntegers.asUnsignedByteArray(agreement.getFieldSize(), x);
        } catch (IllegalStateException infinity) {
            throw new GeneralSecurityException("the ECDH result is the point at infinity", infinity);
        }
    }
}
