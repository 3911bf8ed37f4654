package io.coaps4j.dtls.crypto;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/** Independent implementations from Bouncy Castle that the tests compare ours against. */
public final class BcReference {
    private BcReference() {
    }

    /** CCM seal; L follows from the nonce length (15 - nonce length). */
    public static byte[] ccmSeal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext, int tagLength) {
        CCMBlockCipher ccm = new CCMBlockCipher(AESEngine.newInstance());
        ccm.init(true, new AEADParameters(new KeyParameter(key), tagLength * 8, nonce, aad));
        try {
            return ccm.processPacket(plaintext, 0, plaintext.length);
        } catch (InvalidCipherTextException e) {
            throw new AssertionError(e);
        }
    }

    /** A straightforward P_SHA256 (RFC 5246 section 5) on Bouncy Castle's HMAC. */
    public static byte[] prf(byte[] secret, String label, byte[] seed, int length) {
        byte[] labelSeed = concat(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII), seed);
        HMac hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(secret));
        byte[] out = new byte[length];
        byte[] a = labelSeed;
        int written = 0;
        while (written < length) {
            a = hmac(hmac, a);
            byte[] block = hmac(hmac, concat(a, labelSeed));
            int n = Math.min(block.length, length - written);
            System.arraycopy(block, 0, out, written, n);
            written += n;
        }
        return out;
    }

    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int p = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, p, part.length);
            p += part.length;
        }
        return out;
    }

    private static byte[] hmac(HMac hmac, byte[] data) {
        hmac.update(data, 0, data.length);
        byte[] out = new byte[hmac.getMacSize()];
        hmac.doFinal(out, 0);
        return out;
    }
}
