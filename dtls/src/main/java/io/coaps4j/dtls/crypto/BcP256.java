package io.coaps4j.dtls.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointUtil;

/**
 * secp256r1 in Bouncy Castle's lightweight API: the curve with its dedicated field arithmetic, the base point
 * with its fixed-base comb table built once per JVM (every key generation and signature multiplies the base
 * point), and the conversions of JCA keys and wire points, each validated.
 */
final class BcP256 {
    /** The field-specific implementation (SecP256R1Curve), several times faster than the generic Fp curve. */
    static final ECDomainParameters DOMAIN;
    /** 1 + 2 * 32 bytes: an uncompressed point (SEC 1 section 2.3.3), the only form TLS uses (RFC 8422 5.1.2). */
    static final int UNCOMPRESSED_LENGTH = 65;
    private static final byte UNCOMPRESSED = 4;

    static {
        X9ECParameters curve = CustomNamedCurves.getByName("secp256r1");
        DOMAIN = new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH(), curve.getSeed());
        // The comb table of FixedPointCombMultiplier, which key generation and ECDSA signing use; built here
        // rather than by the first handshake. It is cached on this base point instance.
        FixedPointUtil.precompute(DOMAIN.getG());
    }

    private BcP256() {
    }

    static BigInteger order() {
        return DOMAIN.getN();
    }

    /**
     * {@code key} as a signing key.
     *
     * @throws IllegalArgumentException when it is not an EC private key on secp256r1 with its scalar at hand
     */
    static ECPrivateKeyParameters privateKey(PrivateKey key) {
        PublicKeys.requireP256(key, "key");
        if (!(key instanceof ECPrivateKey ec) || ec.getS() == null) {
            throw new IllegalArgumentException("key must expose its secp256r1 scalar (an ECPrivateKey) for the"
                    + " Bouncy Castle provider, was " + key.getClass().getSimpleName()
                    + "; a hardware or PKCS#11 key needs PublicKeyCrypto.jca()");
        }
        return new ECPrivateKeyParameters(ec.getS(), DOMAIN); // checks the scalar is in [1, n-1]
    }

    /**
     * {@code key} as a verification key.
     *
     * @throws IllegalArgumentException when it is not a point of secp256r1
     */
    static ECPublicKeyParameters publicKey(PublicKey key) {
        if (key instanceof P256PublicKey compact) { // validated when made; decodePoint checks it again, cheaply
            return new ECPublicKeyParameters(DOMAIN.getCurve().decodePoint(compact.pointUnsafe()), DOMAIN);
        }
        PublicKeys.requireP256(key, "key");
        if (!(key instanceof ECPublicKey ec) || ec.getW().getAffineX() == null) {
            throw new IllegalArgumentException("key must be a finite secp256r1 point (an ECPublicKey), was "
                    + key.getClass().getSimpleName());
        }
        // validatePoint and the parameters check the coordinates, the curve equation and the order.
        ECPoint point = DOMAIN.getCurve().validatePoint(ec.getW().getAffineX(), ec.getW().getAffineY());
        return new ECPublicKeyParameters(point, DOMAIN);
    }

    /**
     * The peer's ephemeral ECDH point read from the wire.
     *
     * @throws GeneralSecurityException unless it is an uncompressed point on the curve other than infinity
     *         (RFC 8422 section 5.11, NIST SP 800-56A 5.6.2.3.3)
     */
    static ECPublicKeyParameters peerPoint(byte[] encoded) throws GeneralSecurityException {
        if (encoded.length != UNCOMPRESSED_LENGTH || encoded[0] != UNCOMPRESSED) {
            throw new GeneralSecurityException("the peer's point must be an uncompressed secp256r1 point of "
                    + UNCOMPRESSED_LENGTH + " bytes, was " + encoded.length + " bytes starting " + (encoded.length
                    == 0 ? "with nothing" : String.format("0x%02x", encoded[0] & 0xff)));
        }
        try {
            // decodePoint refuses coordinates outside the field and points off the curve; the parameters
            // refuse infinity and a point outside the prime-order group.
            return new ECPublicKeyParameters(DOMAIN.getCurve().decodePoint(encoded), DOMAIN);
        } catch (IllegalArgumentException invalid) {
            throw new GeneralSecurityException("the peer's point is not a valid secp256r1 point: "
                    + invalid.getMessage(), invalid);
        }
    }

    /** SHA-256 of {@code message}: the hash that ecdsa_secp256r1_sha256 signs (RFC 8422 section 5.10). */
    static byte[] sha256(byte[] message) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(message, 0, message.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        return hash;
    }
}
