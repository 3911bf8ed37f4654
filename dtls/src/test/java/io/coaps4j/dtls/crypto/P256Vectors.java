package io.coaps4j.dtls.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.HexFormat;
import java.util.Random;

/** Known answers on secp256r1 and the JCA keys and encodings the P-256 tests build from them. */
final class P256Vectors {
    static final BigInteger N = PublicKeys.P256_ORDER;
    static final BigInteger P =
            new BigInteger("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF", 16);

    // RFC 5903 section 8.1, the 256-bit random ECP group: i, g^i, r, g^r and the shared x-coordinate of g^ir.
    static final BigInteger RFC5903_I = hex("C88F01F510D9AC3F70A292DAA2316DE544E9AAB8AFE84049C62A9C57862D1433");
    static final byte[] RFC5903_GI = point(
            "DAD0B65394221CF9B051E1FECA5787D098DFE637FC90B9EF945D0C3772581180",
            "5271A0461CDB8252D61F1C456FA3E59AB1F45B33ACCF5F58389E0577B8990BB3");
    static final BigInteger RFC5903_R = hex("C6EF9C5D78AE012A011164ACB397CE2088685D8F06BF9BE0B283AB46476BEE53");
    static final byte[] RFC5903_GR = point(
            "D12DFB5289C8D4F81208B70270398C342296970A0BCCB74C736FC7554494BF63",
            "56FBF3CA366CC23E8157854C13C58D6AAC23F046ADA30F8353E74F33039872AB");
    static final byte[] RFC5903_GIR_X =
            HexFormat.of().parseHex("D6840F6B42F6EDAFD13116E0E12565202FEF8E9ECE7DCE03812464D04B9442DE");

    // RFC 6979 appendix A.2.5, P-256: the key x, its public key U, and the deterministic SHA-256 signatures.
    static final BigInteger RFC6979_X = hex("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721");
    static final BigInteger RFC6979_UX = hex("60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6");
    static final BigInteger RFC6979_UY = hex("7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299");
    static final BigInteger SAMPLE_R = hex("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716");
    static final BigInteger SAMPLE_S = hex("F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8");
    static final BigInteger TEST_R = hex("F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367");
    static final BigInteger TEST_S = hex("019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083");

    private P256Vectors() {
    }

    static BigInteger hex(String hex) {
        return new BigInteger(hex, 16);
    }

    static byte[] point(String x, String y) {
        return HexFormat.of().parseHex("04" + x + y);
    }

    static ECParameterSpec curve() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static PrivateKey privateKey(BigInteger s) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(s, curve()));
    }

    static PublicKey publicKey(BigInteger x, BigInteger y) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), curve()));
    }

    static PublicKey publicKey(byte[] uncompressed) throws GeneralSecurityException {
        return publicKey(new BigInteger(1, java.util.Arrays.copyOfRange(uncompressed, 1, 33)),
                new BigInteger(1, java.util.Arrays.copyOfRange(uncompressed, 33, 65)));
    }

    static KeyPair keyPair(BigInteger s, byte[] uncompressed) throws GeneralSecurityException {
        return new KeyPair(publicKey(uncompressed), privateKey(s));
    }

    /** The minimal DER of ECDSA-Sig-Value (r, s). */
    static byte[] der(BigInteger r, BigInteger s) {
        byte[] rBytes = r.toByteArray();
        byte[] sBytes = s.toByteArray();
        byte[] out = new byte[6 + rBytes.length + sBytes.length];
        out[0] = 0x30;
        out[1] = (byte) (out.length - 2);
        out[2] = 0x02;
        out[3] = (byte) rBytes.length;
        System.arraycopy(rBytes, 0, out, 4, rBytes.length);
        out[4 + rBytes.length] = 0x02;
        out[5 + rBytes.length] = (byte) sBytes.length;
        System.arraycopy(sBytes, 0, out, 6 + rBytes.length, sBytes.length);
        return out;
    }

    /** A DER SEQUENCE of two INTEGERs with the given content bytes, taken as they are. */
    static byte[] sequenceOfIntegers(byte[] r, byte[] s) {
        byte[] out = new byte[6 + r.length + s.length];
        out[0] = 0x30;
        out[1] = (byte) (out.length - 2);
        out[2] = 0x02;
        out[3] = (byte) r.length;
        System.arraycopy(r, 0, out, 4, r.length);
        out[4 + r.length] = 0x02;
        out[5 + r.length] = (byte) s.length;
        System.arraycopy(s, 0, out, 6 + r.length, s.length);
        return out;
    }

    /** Randomness that repeats for the same seed: the injected source of a replayable handshake. */
    static RandomSource seeded(long seed) {
        Random random = new Random(seed);
        return (target, offset, length) -> {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            System.arraycopy(bytes, 0, target, offset, length);
        };
    }
}
