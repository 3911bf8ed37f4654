package io.coaps4j.bench.jmh;

import io.coaps4j.dtls.crypto.KeyAgreement;
import io.coaps4j.dtls.crypto.P256KeyPairs;
import io.coaps4j.dtls.crypto.PublicKeyCrypto;
import io.coaps4j.dtls.crypto.RandomSource;
import io.coaps4j.dtls.crypto.SignatureVerifier;
import io.coaps4j.dtls.crypto.Signer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The P-256 operations of TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 per {@link PublicKeyCrypto} provider ({@code jca}:
 * SunEC on the running JDK; {@code bc}: Bouncy Castle's lightweight API): ECDSA sign with our long-term key,
 * verify with a peer's key (the verifier made per handshake, as the handshake does), a fresh ephemeral key
 * with its encoded point, the ECDH shared secret, and all a server computes for one full handshake with
 * client authentication: one ephemeral key, one agreement, one signature (ServerKeyExchange), one verification
 * (the client's CertificateVerify).
 *
 * <p>Run: {@code scripts/jmh-crypto.sh} (docs/BENCHMARKS.md, "Crypto microbenchmarks (JMH)"), which adds the
 * process CPU time per operation ({@link ProcessCpuProfiler}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class P256CryptoBenchmark {

    @Param({"jca", "bc"})
    public String provider;

    private final RandomSource random = RandomSource.secure();
    private PublicKeyCrypto crypto;
    /** Our long-term key's signer, made once per configuration. */
    private Signer serverSigner;
    private PublicKey clientKey;
    private SignatureVerifier clientVerifier;
    /** What ServerKeyExchange signs: both randoms and the ECDH parameters with the point (RFC 8422 5.4). */
    private byte[] serverParams;
    /** What CertificateVerify signs: the handshake messages so far, a few hundred bytes with raw public keys. */
    private byte[] transcript;
    private byte[] clientSignature;
    private KeyAgreement serverEphemeral;
    private byte[] clientPoint;

    @Setup
    public void setUp() throws GeneralSecurityException {
        crypto = switch (provider) {
            case "jca" -> PublicKeyCrypto.jca();
            case "bc" -> PublicKeyCrypto.bouncyCastle();
            default -> throw new IllegalArgumentException("provider must be jca or bc, was " + provider);
        };
        Random bytes = new Random(1);
        serverParams = new byte[32 + 32 + 4 + 65];
        bytes.nextBytes(serverParams);
        transcript = new byte[800];
        bytes.nextBytes(transcript);
        KeyPair server = P256KeyPairs.generate(random);
        KeyPair client = P256KeyPairs.generate(random);
        serverSigner = crypto.signer(server.getPrivate());
        clientKey = client.getPublic();
        clientVerifier = crypto.verifier(clientKey);
        clientSignature = crypto.signer(client.getPrivate()).sign(transcript);
        serverEphemeral = crypto.ephemeralKeyAgreement(random);
        clientPoint = crypto.ephemeralKeyAgreement(random).publicPoint();
        if (!clientVerifier.verify(transcript, clientSignature)) {
            throw new IllegalStateException(provider + ": the client's signature does not verify");
        }
    }

    @Benchmark
    public byte[] sign() throws GeneralSecurityException {
        return serverSigner.sign(serverParams);
    }

    @Benchmark
    public boolean verify() throws GeneralSecurityException {
        return crypto.verifier(clientKey).verify(transcript, clientSignature);
    }

    @Benchmark
    public byte[] ephemeralKeyAndPoint() {
        return crypto.ephemeralKeyAgreement(random).publicPoint();
    }

    @Benchmark
    public byte[] sharedSecret() throws GeneralSecurityException {
        return serverEphemeral.sharedSecret(clientPoint);
    }

    /** A server's public-key crypto for one full ECDHE_ECDSA handshake with client authentication. */
    @Benchmark
    public void serverHandshakeWithClientAuth(Blackhole sink) throws GeneralSecurityException {
        KeyAgreement ephemeral = crypto.ephemeralKeyAgreement(random);
        sink.consume(ephemeral.publicPoint());
        sink.consume(serverSigner.sign(serverParams));
        sink.consume(ephemeral.sharedSecret(clientPoint));
        if (!crypto.verifier(clientKey).verify(transcript, clientSignature)) {
            throw new IllegalStateException("the client's CertificateVerify does not verify");
        }
    }
}
