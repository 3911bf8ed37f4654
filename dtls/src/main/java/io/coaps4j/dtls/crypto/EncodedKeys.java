package io.coaps4j.dtls.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The DER encodings of secp256r1 keys as OpenSSL reads and writes them: PKCS#8 PrivateKeyInfo (RFC 5208,
 * {@code openssl genpkey}), SEC1 ECPrivateKey (RFC 5915, {@code openssl ecparam -genkey}) and
 * SubjectPublicKeyInfo (RFC 5480, {@code openssl pkey -pubout}). Decoding checks the algorithm and the curve
 * first, so a wrong key is named as such (an RSA key, a P-384 key) instead of failing somewhere later.
 */
public final class EncodedKeys {
    private static final String ALGORITHM = "EC";
    /** id-ecPublicKey, 1.2.840.10045.2.1 (RFC 5480 section 2.1.1). */
    private static final byte[] EC_PUBLIC_KEY = HexFormat.of().parseHex("2a8648ce3d0201");
    /** secp256r1 (prime256v1), 1.2.840.10045.3.1.7 (RFC 5480 section 2.1.1.1). */
    private static final byte[] SECP256R1 = HexFormat.of().parseHex("2a8648ce3d030107");
    private static final int FIELD_BYTES = 32;
    /** Names for the algorithms a wrong key file most likely holds, for the message. */
    private static final Map<String, String> KNOWN = Map.of(
            "1.2.840.113549.1.1.1", "RSA", "1.3.101.112", "Ed25519", "1.3.101.113", "Ed448",
            "1.3.101.110", "X25519", "1.2.840.10040.4.1", "DSA", "1.3.132.0.34", "secp384r1",
            "1.3.132.0.35", "secp521r1", "1.3.132.0.10", "secp256k1");

    private EncodedKeys() {
    }

    /**
     * The secp256r1 private key of a DER PKCS#8 PrivateKeyInfo (unencrypted).
     *
     * @throws InvalidKeySpecException when it is not DER PKCS#8, not an EC key, or not on secp256r1
     */
    public static PrivateKey pkcs8PrivateKey(byte[] der) throws InvalidKeySpecException {
        privateKeyInfoFields(der);
        return requireP256Key(generatePrivate(der), "the PKCS#8 key");
    }

    /**
     * The public key a DER PKCS#8 PrivateKeyInfo carries beside its private key (OpenSSL always writes it, in
     * the ECPrivateKey's {@code publicKey} field, RFC 5915 section 3), if it carries one.
     *
     * @throws InvalidKeySpecException when it is not a secp256r1 PKCS#8 key or the public key is malformed
     */
    public static Optional<PublicKey> pkcs8EmbeddedPublicKey(byte[] der) throws InvalidKeySpecException {
        Der.Element ecPrivateKey = Der.single(privateKeyInfoFields(der), "the ECPrivateKey");
        Der.Reader fields = ecPrivateKey.expect(Der.SEQUENCE, "the ECPrivateKey").children();
        fields.next("the ECPrivateKey version").expect(Der.INTEGER, "the ECPrivateKey version");
        fields.next("the ECPrivateKey key").expect(Der.OCTET_STRING, "the ECPrivateKey key");
        fields.optional(Der.CONTEXT_0, "the ECPrivateKey parameters");
        Der.Element publicKey = fields.optional(Der.CONTEXT_1, "the ECPrivateKey public key");
        if (publicKey == null) {
            return Optional.empty();
        }
        byte[] bits = Der.single(publicKey.contents(), "the ECPrivateKey public key")
                .expect(Der.BIT_STRING, "the ECPrivateKey public key").contents();
        return Optional.of(subjectPublicKeyInfo(Der.encode(Der.SEQUENCE, algorithmIdentifier(), Der.encode(Der.BIT_STRING, bits))));
    }

    /**
     * The DER PKCS#8 PrivateKeyInfo holding a DER SEC1 ECPrivateKey ("EC PRIVATE KEY"), whose curve must be named
     * secp256r1 in its parameters (or, without parameters, shown by the public key it carries); the result decodes
     * with {@link #pkcs8PrivateKey}.
     *
     * @throws InvalidKeySpecException when it is not DER SEC1 or names no curve or another curve
     */
    public static byte[] pkcs8FromSec1(byte[] der) throws InvalidKeySpecException {
        Der.Reader fields = Der.single(der, "the EC private key").expect(Der.SEQUENCE, "the EC private key").children();
        Der.Element version = fields.next("the EC private key version").expect(Der.INTEGER, "the EC private key version");
        if (!Arrays.equals(version.contents(), new byte[] {1})) {
            throw new InvalidKeySpecException("the EC private key has version " + new BigInteger(version.contents())
                    + ", expected 1 (RFC 5915 section 3)");
        }
        fields.next("the EC private key").expect(Der.OCTET_STRING, "the EC private key");
        Der.Element parameters = fields.optional(Der.CONTEXT_0, "the EC private key parameters");
        if (parameters == null) {
            return pkcs8FromSec1WithoutCurve(der);
        }
        Der.Element curve = Der.single(parameters.contents(), "the EC private key parameters");
        if (curve.tag() != Der.OID) {
            throw new InvalidKeySpecException("the EC private key has explicit curve parameters; only the named curve"
                    + " secp256r1 is supported");
        }
        requireP256Curve(curve.contents(), "the EC private key");
        return Der.encode(Der.SEQUENCE, Der.encode(Der.INTEGER, new byte[] {0}), algorithmIdentifier(),
                Der.encode(Der.OCTET_STRING, der));
    }

    /**
     * RFC 5915 wants the curve named, but some writers (Bouncy Castle's PEM writer given a JDK key) leave it out:
     * such a key is taken as secp256r1 only when the public key it carries proves it.
     */
    private static byte[] pkcs8FromSec1WithoutCurve(byte[] sec1) throws InvalidKeySpecException {
        byte[] pkcs8 = Der.encode(Der.SEQUENCE, Der.encode(Der.INTEGER, new byte[] {0}), algorithmIdentifier(),
                Der.encode(Der.OCTET_STRING, sec1));
        Optional<PublicKey> publicKey;
        PrivateKey privateKey;
        try {
            publicKey = pkcs8EmbeddedPublicKey(pkcs8);
            privateKey = pkcs8PrivateKey(pkcs8);
        } catch (InvalidKeySpecException e) {
            publicKey = Optional.empty();
            privateKey = null;
        }
        if (publicKey.isEmpty() || !isKeyPair(privateKey, publicKey.get())) {
            throw new InvalidKeySpecException("the EC private key names no curve (no parameters field) and carries no"
                    + " secp256r1 public key that would show it is on secp256r1");
        }
        return pkcs8;
    }

    /**
     * The secp256r1 public key of a DER SubjectPublicKeyInfo.
     *
     * @throws InvalidKeySpecException when it is not DER, not an EC key, or not on secp256r1
     */
    public static PublicKey subjectPublicKeyInfo(byte[] der) throws InvalidKeySpecException {
        Der.Reader fields = Der.single(der, "the public key").expect(Der.SEQUENCE, "the public key").children();
        requireEcP256(fields.next("the public key algorithm"), "the public key");
        fields.next("the public key bits").expect(Der.BIT_STRING, "the public key bits");
        try {
            return requireP256Key(KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der)),
                    "the public key");
        } catch (InvalidKeySpecException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the platform has no EC key factory", e);
        }
    }

    /**
     * The DER PKCS#8 PrivateKeyInfo of {@code privateKey} with {@code publicKey} in its ECPrivateKey, as
     * {@code openssl genpkey -algorithm EC} writes it.
     *
     * @throws IllegalArgumentException when a key is not on secp256r1
     */
    public static byte[] pkcs8(PrivateKey privateKey, PublicKey publicKey) {
        ECPrivateKey ecPrivate = (ECPrivateKey) PublicKeys.requireP256(privateKey, "privateKey");
        ECPublicKey ecPublic = (ECPublicKey) PublicKeys.requireP256(publicKey, "publicKey");
        byte[] point = new byte[1 + 2 * FIELD_BYTES];
        point[0] = 0x04; // uncompressed (SEC 1 section 2.3.3)
        fixedLength(ecPublic.getW().getAffineX(), point, 1);
        fixedLength(ecPublic.getW().getAffineY(), point, 1 + FIELD_BYTES);
        byte[] scalar = new byte[FIELD_BYTES];
        fixedLength(ecPrivate.getS(), scalar, 0);
        byte[] ecPrivateKey = Der.encode(Der.SEQUENCE, Der.encode(Der.INTEGER, new byte[] {1}),
                Der.encode(Der.OCTET_STRING, scalar),
                Der.encode(Der.CONTEXT_1, Der.encode(Der.BIT_STRING, new byte[] {0}, point)));
        Arrays.fill(scalar, (byte) 0);
        return Der.encode(Der.SEQUENCE, Der.encode(Der.INTEGER, new byte[] {0}), algorithmIdentifier(),
                Der.encode(Der.OCTET_STRING, ecPrivateKey));
    }

    /**
     * Whether {@code publicKey} is the public half of {@code privateKey}: a signature by one verifies with the
     * other.
     */
    public static boolean isKeyPair(PrivateKey privateKey, PublicKey publicKey) {
        byte[] probe = "coaps4j key pair check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            return JcaEcdsa.verifier(publicKey).verify(probe, JcaEcdsa.signer(privateKey).sign(probe));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The privateKey field of a PKCS#8 PrivateKeyInfo, after checking its algorithm is EC on secp256r1. */
    private static byte[] privateKeyInfoFields(byte[] der) throws InvalidKeySpecException {
        Der.Reader fields = Der.single(der, "the PKCS#8 key").expect(Der.SEQUENCE, "the PKCS#8 key").children();
        fields.next("the PKCS#8 version").expect(Der.INTEGER, "the PKCS#8 version");
        requireEcP256(fields.next("the PKCS#8 algorithm"), "the PKCS#8 key");
        return fields.next("the PKCS#8 private key").expect(Der.OCTET_STRING, "the PKCS#8 private key").contents();
    }

    private static void requireEcP256(Der.Element algorithmIdentifier, String what) throws InvalidKeySpecException {
        Der.Reader fields = algorithmIdentifier.expect(Der.SEQUENCE, what + "'s algorithm").children();
        byte[] algorithm = fields.next(what + "'s algorithm").expect(Der.OID, what + "'s algorithm").contents();
        if (!Arrays.equals(algorithm, EC_PUBLIC_KEY)) {
            throw new InvalidKeySpecException(what + " is not an EC key: its algorithm is " + describe(algorithm));
        }
        if (!fields.hasMore()) {
            throw new InvalidKeySpecException(what + " names no curve");
        }
        Der.Element curve = fields.next(what + "'s curve");
        if (curve.tag() != Der.OID) {
            throw new InvalidKeySpecException(what + " has explicit curve parameters; only the named curve secp256r1"
                    + " is supported");
        }
        requireP256Curve(curve.contents(), what);
    }

    private static void requireP256Curve(byte[] curve, String what) throws InvalidKeySpecException {
        if (!Arrays.equals(curve, SECP256R1)) {
            throw new InvalidKeySpecException(what + " is not on secp256r1 (P-256, RFC 7252 section 9.1.3.2): its"
                    + " curve is " + describe(curve));
        }
    }

    private static String describe(byte[] oid) {
        String dotted = Der.oidToString(oid);
        String name = KNOWN.get(dotted);
        return name == null ? "OID " + dotted : name + " (OID " + dotted + ")";
    }

    private static byte[] algorithmIdentifier() {
        return Der.encode(Der.SEQUENCE, Der.encode(Der.OID, EC_PUBLIC_KEY), Der.encode(Der.OID, SECP256R1));
    }

    private static PrivateKey generatePrivate(byte[] pkcs8) throws InvalidKeySpecException {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (InvalidKeySpecException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the platform has no EC key factory", e);
        }
    }

    private static <K extends java.security.Key> K requireP256Key(K key, String what) throws InvalidKeySpecException {
        if (!PublicKeys.isP256(key)) {
            throw new InvalidKeySpecException(what + " is not an EC key on secp256r1");
        }
        return key;
    }

    /** Writes {@code value} big-endian into exactly {@link #FIELD_BYTES} bytes at {@code offset}. */
    private static void fixedLength(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, FIELD_BYTES);
        System.arraycopy(bytes, bytes.length - length, out, offset + FIELD_BYTES - length, length);
    }
}
