package io.coaps4j.dtls.crypto;

import java.math.BigInteger;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.util.Objects;

/**
 * Checks that a key can serve TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 as RFC 7252 section 9.1.3.2 profiles it:
 * an elliptic-curve key on secp256r1 (RFC 7251 section 2).
 */
public final class EcKeys {
    private static final String ALGORITHM = "EC";
    /** The order of secp256r1's base point (SEC 2 section 2.4.2): names the curve together with the field size. */
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private EcKeys() {
    }

    /** True when {@code key} is an EC key on secp256r1. */
    public static boolean isP256(Key key) {
        return key instanceof ECKey ec && ALGORITHM.equals(key.getAlgorithm())
                && ec.getParams().getCurve().getField().getFieldSize() == 256
                && ec.getParams().getOrder().equals(P256_ORDER);
    }

    /**
     * Returns {@code key} when it is an EC key on secp256r1.
     *
     * @throws IllegalArgumentException naming {@code what} otherwise
     */
    public static <K extends Key> K requireP256(K key, String what) {
        Objects.requireNonNull(key, what);
        if (!isP256(key)) {
            throw new IllegalArgumentException(what + " must be an EC key on secp256r1 (RFC 7252 section 9.1.3.2),"
                    + " was " + key.getAlgorithm() + " " + key.getClass().getSimpleName());
        }
        return key;
    }
}
