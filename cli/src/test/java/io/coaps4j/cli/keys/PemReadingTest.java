package io.coaps4j.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.cli.OpenSsl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PemReading} reads the key files OpenSSL writes, in each of its forms. */
class PemReadingTest {
    @TempDir
    Path dir;

    @BeforeEach
    void openssl() {
        OpenSsl.assumeInstalled();
    }

    private PublicKey publicKeyByOpenSsl(Path privateKey) throws Exception {
        Path pub = dir.resolve("pub-" + privateKey.getFileName());
        OpenSsl.ok("pkey", "-in", privateKey.toString(), "-pubout", "-out", pub.toString());
        return PemReading.publicKey(pub);
    }

    @Test
    void aPkcs8KeyFromGenpkeyWithItsPublicKey() throws Exception {
        Path key = dir.resolve("key.pem");
        OpenSsl.ok("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());

        KeyPair pair = PemReading.keyPair(key);

        assertThat(pair.getPublic()).isEqualTo(publicKeyByOpenSsl(key));
    }

    @Test
    void anEcPrivateKeyFromEcparam() throws Exception {
        Path key = dir.resolve("ec.pem");
        OpenSsl.ok("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key.toString());
        assertThat(Files.readString(key)).startsWith("-----BEGIN EC PRIVATE KEY-----");

        KeyPair pair = PemReading.keyPair(key);

        assertThat(pair.getPublic()).isEqualTo(publicKeyByOpenSsl(key));
    }

    @Test
    void ourPrivateKeyCarriesItsPublicKeyAsOpenSslWritesIt() throws Exception {
        KeyPair pair = P256Keys.generate(new java.security.SecureRandom());
        Path key = dir.resolve("ours.pem");
        new PemWriting().privateKey(key, pair).write(false);

        // OpenSSL prints "pub:" only when the ECPrivateKey holds the public key (RFC 5915 section 3).
        assertThat(OpenSsl.ok("pkey", "-in", key.toString(), "-noout", "-text")).contains("pub:");
        assertThat(publicKeyByOpenSsl(key)).isEqualTo(pair.getPublic());
        assertThat(PemReading.keyPair(key).getPublic()).isEqualTo(pair.getPublic());
    }

    @Test
    void aKeyOnAnotherCurveIsRefusedNamingP256() throws Exception {
        Path key = dir.resolve("p384.pem");
        OpenSsl.ok("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", key.toString());

        assertThatThrownBy(() -> PemReading.keyPair(key)).isInstanceOf(IOException.class)
                .hasMessage(key + ": the private key is not usable: the private key is not on P-256 (secp256r1), the"
                        + " one curve of the RawPublicKey and Certificate modes");
    }

    @Test
    void anEncryptedKeyIsRefusedSayingHowToDecryptIt() throws Exception {
        Path key = dir.resolve("encrypted.pem");
        OpenSsl.ok("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes-128-cbc", "-pass",
                "pass:secret", "-out", key.toString());

        assertThatThrownBy(() -> PemReading.keyPair(key)).isInstanceOf(IOException.class)
                .hasMessageContaining("holds no private key").hasMessageContaining("must be decrypted first");
    }

    @Test
    void aDerFileIsNotPem() throws Exception {
        Path der = dir.resolve("key.der");
        Files.write(der, Base64.getDecoder().decode("MAMCAQE="));

        assertThatThrownBy(() -> PemReading.certificates(der)).isInstanceOf(IOException.class)
                .hasMessage(der + " holds no PEM block (-----BEGIN ...-----)");
    }
}
