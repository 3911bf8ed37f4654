package io.coaps4j.dtls.crypto;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coaps4j.dtls.credentials.Pem;
import org.junit.jupiter.api.AfterAll;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.spec.InvalidKeySpecException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzz targets (Jazzer) for the key and certificate parsers: our DER reader, ECDSA signature
 * DER, PKCS#8, SEC1 and SubjectPublicKeyInfo keys, X.509 chains and PEM files. Seeds in
 * {@code KeyParsersFuzzTestInputs/<target>/} (made with openssl); {@code scripts/fuzz.sh} fuzzes.
 *
 * <p>Pass criterion: a value or the declared exception, nothing else, and what is decoded is no larger than the
 * input.
 */
class KeyParsersFuzzTest {
    private static Path pemFile;

    @AfterAll
    static void removeFile() throws IOException {
        if (pemFile != null) {
            Files.deleteIfExists(pemFile);
        }
    }

    @FuzzTest
    void der(byte[] bytes) {
        Der.Reader reader = new Der.Reader(bytes);
        long total = 0;
        try {
            while (reader.hasMore()) {
                total += reader.next("fuzz").contents().length;
            }
        } catch (InvalidKeySpecException declared) {
            return;
        }
        assertThat(total).isLessThanOrEqualTo(bytes.length);
    }

    /** RFC 5480 / SEC1 ECDSA-Sig-Value: r and s in [1, n-1] or null, never an exception. */
    @FuzzTest
    void ecdsaSignature(byte[] der) {
        BigInteger[] rs = EcdsaDer.decode(der, PublicKeys.P256_ORDER);
        if (rs != null) {
            for (BigInteger value : rs) {
                assertThat(value.signum()).isPositive();
                assertThat(value).isLessThan(PublicKeys.P256_ORDER);
            }
        }
    }

    @FuzzTest
    void encodedKeys(byte[] der) {
        try {
            EncodedKeys.pkcs8PrivateKey(der);
            EncodedKeys.pkcs8EmbeddedPublicKey(der);
        } catch (InvalidKeySpecException declared) {
            // not a P-256 PKCS#8 key
        }
        try {
            assertThat(EncodedKeys.pkcs8FromSec1(der).length).isLessThanOrEqualTo(der.length + 64);
        } catch (InvalidKeySpecException declared) {
            // not a SEC1 P-256 key
        }
        try {
            EncodedKeys.subjectPublicKeyInfo(der);
        } catch (InvalidKeySpecException declared) {
            // not a P-256 SubjectPublicKeyInfo
        }
    }

    @FuzzTest
    void certificates(byte[] der) {
        try {
            assertThat(CertificatePaths.decode(List.of(der))).hasSize(1);
        } catch (CertificateException declared) {
            // not an X.509 certificate
        }
    }

    /** The PEM files a user points us at: keys and certificates, or IOException naming what is wrong. */
    @FuzzTest
    void pem(byte[] text) throws IOException {
        if (pemFile == null) {
            pemFile = Files.createTempFile("fuzz", ".pem");
        }
        Files.write(pemFile, text);
        try {
            Pem.readPrivateKey(pemFile);
        } catch (IOException declared) {
            assertThat(declared.getMessage()).isNotBlank();
        }
        try {
            assertThat(Pem.readPublicKeys(pemFile).size()).isLessThanOrEqualTo(text.length);
        } catch (IOException declared) {
            assertThat(declared.getMessage()).isNotBlank();
        }
        try {
            assertThat(Pem.readCertificates(pemFile).size()).isLessThanOrEqualTo(text.length);
        } catch (IOException declared) {
            assertThat(declared.getMessage()).isNotBlank();
        }
    }
}
