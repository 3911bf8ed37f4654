package io.coaps4j.cli.keys;

import io.coaps4j.dtls.crypto.EncodedKeys;
import io.coaps4j.dtls.crypto.P256KeyPairs;
import io.coaps4j.dtls.crypto.PublicKeys;
import io.coaps4j.dtls.crypto.RandomSource;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Key pairs on secp256r1 (P-256), the one curve of the CoAP security modes (RFC 7252 section 9.1.3.2,
 * RFC 7251): generated and encoded by the library's crypto package ({@link P256KeyPairs}, {@link EncodedKeys}),
 * in the encodings OpenSSL writes, so that every tool reads them.
 */
public final class P256Keys {
    private static final X9ECParameters CURVE = ECNamedCurveTable.getByOID(SECObjectIdentifiers.secp256r1);
    private static final AlgorithmIdentifier EC_P256 =
            new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1);

    private P256Keys() {
    }

    /** A fresh key pair from {@code random} (the library's {@link P256KeyPairs}). */
    public static KeyPair generate(SecureRandom random) {
        return P256KeyPairs.generate(RandomSource.of(Objects.requireNonNull(random, "random")));
    }

    /**
     * The PKCS#8 encoding of {@code pair}'s private key with its public key inside the ECPrivateKey
     * (RFC 5915 section 3), as {@code openssl genpkey -algorithm EC} writes it: some tools (libcoap's
     * {@code -M}) read the public key from there.
     */
    public static byte[] pkcs8(KeyPair pair) {
        return EncodedKeys.pkcs8(pair.getPrivate(), pair.getPublic());
    }

    /**
     * Checks that {@code key} is an EC key on secp256r1.
     *
     * @throws IllegalArgumentException naming what it is instead
     */
    public static void requireP256(PublicKey key) {
        if (!(key instanceof ECPublicKey ec)) {
            throw new IllegalArgumentException("not an EC public key but " + key.getAlgorithm()
                    + "; the RawPublicKey and Certificate modes use P-256 (secp256r1)");
        }
        if (!ec.getParams().getOrder().equals(CURVE.getN())) {
            throw new IllegalArgumentException("the key is not on P-256 (secp256r1), the one curve of the"
                    + " RawPublicKey and Certificate modes (RFC 7252 section 9.1.3.2)");
        }
    }

    /** The public key of a secp256r1 private key: d·G (SEC 1 section 3.2.1). */
    public static PublicKey publicKeyOf(PrivateKey privateKey) {
        if (!(privateKey instanceof ECPrivateKey ec)) {
            throw new IllegalArgumentException("not an EC private key: " + privateKey.getAlgorithm());
        }
        if (!ec.getParams().getOrder().equals(CURVE.getN())) {
            throw new IllegalArgumentException("the private key is not on P-256 (secp256r1), the one curve of the"
                    + " RawPublicKey and Certificate modes");
        }
        ECPoint q = new FixedPointCombMultiplier().multiply(CURVE.getG(), ec.getS()).normalize();
        try {
            return PublicKeys.fromSubjectPublicKeyInfo(new SubjectPublicKeyInfo(EC_P256, q.getEncoded(false)).getEncoded());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot derive the public key", e);
        }
    }
}
