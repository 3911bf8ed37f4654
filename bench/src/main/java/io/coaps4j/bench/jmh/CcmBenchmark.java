package io.coaps4j.bench.jmh;

import io.coaps4j.dtls.crypto.AesCcm;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.crypto.KeyBlock;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.SecurityAssociation;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * AES-128-CCM_8 (our CCM over JCA AES) per record size: seal and open with one key; seal with two keys
 * alternating, as a loop serving sessions does, once with the keyed-cipher cache and once without it (every
 * call then recomputes the AES key schedule); and a whole DTLS record protection including header, nonce
 * and additional data.
 *
 * <p>Run: {@code java -cp <bench classpath> org.openjdk.jmh.Main CcmBenchmark -f 1 -wi 1 -i 2 -r 1s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CcmBenchmark {

    @Param({"16", "64", "1024"})
    public int size;

    private final AesCcm ccm = AesCcm.ccm8();
    /** Keeps one keyed cipher only: every key change recomputes the AES key schedule. */
    private final AesCcm uncached = new AesCcm(8, 3, 1);
    private final CryptoContext crypto = CryptoContext.create();
    private byte[] key;
    private byte[] otherKey;
    private byte[] nonce;
    private byte[] aad;
    private byte[] plaintext;
    private byte[] sealed;
    private byte[] out;
    private byte[] record;
    private boolean useOther;
    private SecurityAssociation association;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        key = bytes(random, 16);
        otherKey = bytes(random, 16);
        nonce = bytes(random, 12);
        aad = bytes(random, 13);
        plaintext = bytes(random, size);
        sealed = new byte[size + 8];
        ccm.seal(key, nonce, aad, 0, aad.length, plaintext, 0, size, sealed, 0);
        out = new byte[size + 8];
        KeyBlock keys = KeyBlock.split(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8.aead(), bytes(random, 40));
        association = SecurityAssociation.fromKeyBlock(1, CipherSuite.TLS_PSK_WITH_AES_128_CCM_8, keys,
                ConnectionEnd.CLIENT);
        record = new byte[association.protectedLength(size)];
    }

    @Benchmark
    public byte[] seal() {
        ccm.seal(key, nonce, aad, 0, aad.length, plaintext, 0, size, out, 0);
        return out;
    }

    @Benchmark
    public boolean open() {
        return ccm.open(key, nonce, aad, 0, aad.length, sealed, 0, sealed.length, out, 0);
    }

    @Benchmark
    public byte[] sealAlternatingKeys() {
        useOther = !useOther;
        ccm.seal(useOther ? otherKey : key, nonce, aad, 0, aad.length, plaintext, 0, size, out, 0);
        return out;
    }

    @Benchmark
    public byte[] sealAlternatingKeysUncached() {
        useOther = !useOther;
        uncached.seal(useOther ? otherKey : key, nonce, aad, 0, aad.length, plaintext, 0, size, out, 0);
        return out;
    }

    @Benchmark
    public byte[] protectRecord() {
        association.protect(crypto, ContentType.APPLICATION_DATA, plaintext, 0, size, record, 0);
        return record;
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
