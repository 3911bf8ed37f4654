package io.coaps4j.dtls.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A secp256r1 public key kept as its 65-byte uncompressed point only (SEC 1 section 2.3.3), validated when made:
 * what a session keeps of a peer's raw public key (about 100 bytes, where the platform's key object with its
 * coordinates, encoding and algorithm identifier takes several hundred). It is a regular {@link ECPublicKey} for
 * every JCA use; its SubjectPublicKeyInfo and coordinates are computed when asked. Equal to any key with the same
 * encoding, as the platform's keys are. Immutable.
 */
final class P256PublicKey implements ECPublicKey {
    private static final long serialVersionUID = 1L;

    /**
     * The DER SubjectPublicKeyInfo of every secp256r1 key before its point (RFC 5480 section 2): SEQUENCE,
     * AlgorithmIdentifier (id-ecPublicKey, namedCurve secp256r1), BIT STRING of 66 bytes with 0 unused bits.
     */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex(
            "3059301306072a8648ce3d020106082a8648ce3d030107034200");
    /** The SubjectPublicKeyInfo's length: the prefix and the uncompressed point. */
    static final int SPKI_LENGTH = SPKI_PREFIX.length + BcP256.UNCOMPRESSED_LENGTH;
    private static final ECParameterSpec PARAMETERS = secp256r1();
    private static final boolean PLATFORM_HASH_IS_ARRAYS_HASH = platformHashIsArraysHash();

    private final byte[] point;

    private P256PublicKey(byte[] point) {
        this.point = point;
    }

    /**
     * The key of the uncompressed {@code point}, copied.
     *
     * @throws IllegalArgumentException when it is not a point of secp256r1 other than infinity
     */
    static P256PublicKey ofPoint(byte[] point) {
        try {
            BcP256.peerPoint(point); // the form, the field, the curve equation, not infinity
        } catch (GeneralSecurityException invalid) {
            throw new IllegalArgumentException(invalid.getMessage());
        }
        return new P256PublicKey(point.clone());
    }

    /**
     * The key of a DER SubjectPublicKeyInfo in the only form a secp256r1 key has with a named curve, or null when
     * {@code encoded} is in another form (explicit parameters, a compressed point, another curve).
     *
     * @throws IllegalArgumentException when it has the form but its point is not on secp256r1
     */
    static P256PublicKey ofNamedCurveEncoding(byte[] encoded) {
        if (encoded.length != SPKI_LENGTH
                || !Arrays.equals(encoded, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            return null;
        }
        return ofPoint(Arrays.copyOfRange(encoded, SPKI_PREFIX.length, SPKI_LENGTH));
    }

    /** The uncompressed point; a copy. */
    byte[] point() {
        return point.clone();
    }

    /** The uncompressed point itself, for the crypto package's readers that do not keep or change it. */
    byte[] pointUnsafe() {
        return point;
    }

    @Override
    public ECPoint getW() {
        int half = (point.length - 1) / 2;
        return new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + half)),
                new BigInteger(1, Arrays.copyOfRange(point, 1 + half, point.length)));
    }

    @Override
    public ECParameterSpec getParams() {
        return PARAMETERS;
    }

    @Override
    public String getAlgorithm() {
        return "EC";
    }

    @Override
    public String getFormat() {
        return "X.509";
    }

    @Override
    public byte[] getEncoded() {
        byte[] encoded = Arrays.copyOf(SPKI_PREFIX, SPKI_LENGTH);
        System.arraycopy(point, 0, encoded, SPKI_PREFIX.length, point.length);
        return encoded;
    }

    /** Equal to any public key with the same SubjectPublicKeyInfo, as the platform's keys compare. */
    @Override
    public boolean equals(Object other) {
        if (other instanceof P256PublicKey that) {
            return Arrays.equals(point, that.point);
        }
        return other instanceof ECPublicKey key && "X.509".equals(key.getFormat())
                && Arrays.equals(getEncoded(), ((Key) key).getEncoded());
    }

    /** The hash the platform's keys give the same encoding, so that sets mixing both behave. */
    @Override
    public int hashCode() {
        return hashOfEncoding(getEncoded(), PLATFORM_HASH_IS_ARRAYS_HASH);
    }

    /**
     * The two hashes of an encoded key the JDK's {@code X509Key} has used: {@link Arrays#hashCode(byte[])}
     * (JDK 21 on), or the length plus 37 times each unsigned byte (JDK 17).
     */
    private static int hashOfEncoding(byte[] encoded, boolean arraysHash) {
        if (arraysHash) {
            return Arrays.hashCode(encoded);
        }
        int hash = encoded.length;
        for (byte b : encoded) {
            hash += (b & 0xff) * 37;
        }
        return hash;
    }

    /** Which of the two the running JDK uses, asked of its own key for the base point. */
    private static boolean platformHashIsArraysHash() {
        byte[] encoded = Arrays.copyOf(SPKI_PREFIX, SPKI_LENGTH);
        encoded[SPKI_PREFIX.length] = 4;
        byte[] x = PARAMETERS.getGenerator().getAffineX().toByteArray();
        byte[] y = PARAMETERS.getGenerator().getAffineY().toByteArray();
        System.arraycopy(x, x.length - 32, encoded, SPKI_PREFIX.length + 1, 32);
        System.arraycopy(y, y.length - 32, encoded, SPKI_PREFIX.length + 33, 32);
        try {
            int platform = java.security.KeyFactory.getInstance("EC")
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(encoded)).hashCode();
            return platform == hashOfEncoding(encoded, true);
        } catch (GeneralSecurityException e) {
            return true;
        }
    }

    @Override
    public String toString() {
        return "secp256r1 public key " + HexFormat.of().formatHex(point);
    }

    private static ECParameterSpec secp256r1() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the platform has no secp256r1 parameters", e);
        }
    }
}
