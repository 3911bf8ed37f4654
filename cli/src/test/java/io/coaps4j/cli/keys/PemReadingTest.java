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

/** {@link PemReading} reads the key files OpenSSL writes, in each of its forms, through the library's Pem. */
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
                .hasMessageStartingWith(key + ": ").hasMessageContaining("secp256r1");
    }

    @Test
    void anEncryptedKeyIsRefusedSayingHowToDecryptIt() throws Exception {
        Path key = dir.resolve("encrypted.pem");
        OpenSsl.ok("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes-128-cbc", "-pass",
                "pass:secret", "-out", key.toString());

        assertThatThrownBy(() -> PemReading.keyPair(key)).isInstanceOf(IOException.class)
                .hasMessageContaining("encrypted").hasMessageContaining("openssl pkey -in " + key);
    }

    @Test
    void aDerFileIsNotPem() throws Exception {
        Path der = dir.resolve("key.der");
        Files.write(der, Base64.getDecoder().decode("MAMCAQE="));

        assertThatThrownBy(() -> PemReading.certificates(der)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(der + ": is DER, not PEM");
    }

    @Test
    void aPkcs8KeyWithoutItsPublicKeyStillGivesThePair() throws Exception {
        Path key = dir.resolve("bare.pem");
        Path ec = dir.resolve("bare-ec.pem");
        OpenSsl.ok("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", ec.toString());
        // -no_public leaves the public key out of the ECPrivateKey (RFC 5915 section 3: it is optional).
        OpenSsl.ok("ec", "-in", ec.toString(), "-no_public", "-out", ec.toString());
        OpenSsl.ok("pkcs8", "-topk8", "-nocrypt", "-in", ec.toString(), "-out", key.toString());

        assertThat(PemReading.keyPair(key).getPublic()).isEqualTo(publicKeyByOpenSsl(ec));
    }

    @Test
    void aFileOverTheSizeLimitIsTheWrongFile() throws Exception {
        Path big = dir.resolve("big.pem");
        Files.write(big, new byte[(int) PemReading.MAX_BYTES + 1]);

        assertThatThrownBy(() -> PemReading.certificates(big)).isInstanceOf(IOException.class)
                .hasMessageContaining("a PEM key or certificate file is at most " + PemReading.MAX_BYTES);
    }
}
