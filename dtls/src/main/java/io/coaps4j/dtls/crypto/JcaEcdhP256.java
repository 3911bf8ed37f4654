package io.coaps4j.dtls.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;

/** Ephemeral ECDH on secp256r1 over the platform's JCA provider, points uncompressed (RFC 8422 section 5.4.1). */
public final class JcaEcdhP256 implements KeyAgreement {
    private static final int COORDINATE_LENGTH = 32;
    private static final byte UNCOMPRESSED = 4;

    private final KeyPair pair;

    private JcaEcdhP256(KeyPair pair) {
        this.pair = pair;
    }

    /** The agreement of an existing key pair: for known-answer tests. */
    static JcaEcdhP256 of(KeyPair pair) {
        PublicKeys.requireP256(pair.getPublic(), "public key");
        return new JcaEcdhP256(pair);
    }

    /** A fresh ephemeral key pair drawn from {@code random}. */
    public static JcaEcdhP256 generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return new JcaEcdhP256(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java platform must provide ECDH on secp256r1", e);
        }
    }

    @Override
    public byte[] publicPoint() {
        ECPoint point = ((ECPublicKey) pair.getPublic()).getW();
        byte[] encoded = new byte[1 + 2 * COORDINATE_LENGTH];
        encoded[0] = UNCOMPRESSED;
        putCoordinate(point.getAffineX(), encoded, 1);
        putCoordinate(point.getAffineY(), encoded, 1 + COORDINATE_LENGTH);
        return encoded;
    }

    private static void putCoordinate(BigInteger value, byte[] out, int at) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, COORDINATE_LENGTH);
        System.arraycopy(bytes, bytes.length - length, out, at + COORDINATE_LENGTH - length, length);
    }

    @Override
    public byte[] sharedSecret(byte[] peerPoint) throws GeneralSecurityException {
        if (peerPoint.length != 1 + 2 * COORDINATE_LENGTH || peerPoint[0] != UNCOMPRESSED) {
            throw new GeneralSecurityException("the peer's point must be an uncompressed secp256r1 point of "
                    + (1 + 2 * COORDINATE_LENGTH) + " bytes, was " + peerPoint.length + " bytes");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(peerPoint, 1, 1 + COORDINATE_LENGTH));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(peerPoint, 1 + COORDINATE_LENGTH, peerPoint.length));
        ECParameterSpec curve = ((ECPublicKey) pair.getPublic()).getParams();
        try {
            // The provider checks that the point lies on the curve, in the group and is not infinity
            // (RFC 8422 section 5.11); SunEC reports some of these as a ProviderException.
            ECPublicKey peer = (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), curve));
            javax.crypto.KeyAgreement agreement = javax.crypto.KeyAgreement.getInstance("ECDH");
            agreement.init(pair.getPrivate());
            agreement.doPhase(peer, true);
            return agreement.generateSecret();
        } catch (RuntimeException invalid) {
            throw new GeneralSecurityException("the peer's point is not a valid secp256r1 point: "
                    + invalid.getMessage(), invalid);
        }
    }
}
