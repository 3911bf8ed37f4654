package io.coaps4j.dtls.credentials;

import io.coaps4j.dtls.crypto.ConnectionEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static io.coaps4j.dtls.credentials.TestCertificates.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PEM reading and writing (RFC 7468) and the credentials made from PEM files. */
class PemTest {
    private static final KeyPair KEYS = TestKeys.p256();

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    @Test
    void aKeyPairRoundTripsThroughPkcs8WithItsPublicKeyInside() throws Exception {
        Path key = dir.resolve("key.pem");
        Pem.writePrivateKey(key, KEYS);

        KeyPair read = Pem.readKeyPair(key);

        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(scalar(read)).isEqualTo(scalar(KEYS));
        assertThat(read.getPublic()).isEqualTo(KEYS.getPublic());
        assertThat(scalar(Pem.readPrivateKey(key))).isEqualTo(scalar(KEYS));
        if (Files.getFileAttributeView(key, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        }
    }

    @Test
    void publicKeysAndCertificatesRoundTrip() throws Exception {
        KeyPair other = TestKeys.p256();
        X509Certificate root = TestCertificates.root("CN=root", other);
        X509Certificate leaf = TestCertificates.of("CN=leaf", KEYS).issuedBy(root, other.getPrivate()).build();
        Path publicKey = dir.resolve("public.pem");
        Path keys = write("keys.pem", Pem.encodePublicKey(KEYS.getPublic()) + "comment between blocks\n"
                + Pem.encodePublicKey(other.getPublic()));
        Path chain = dir.resolve("chain.pem");

        Pem.writePublicKey(publicKey, KEYS.getPublic());
        Pem.writeCertificates(chain, List.of(leaf, root));

        assertThat(Pem.readPublicKey(publicKey)).isEqualTo(KEYS.getPublic());
        assertThat(Pem.readPublicKeys(keys)).containsExactly(KEYS.getPublic(), other.getPublic());
        assertThatThrownBy(() -> Pem.readPublicKey(keys)).hasMessageContaining("holds 2 public keys");
        assertThat(Pem.readCertificates(chain)).containsExactly(leaf, root);
    }

    @Test
    void aSec1EcPrivateKeyIsReadWithItsCurveNamedOrShownByItsPublicKey() throws Exception {
        // the "traditional" OpenSSL form (RFC 5915), DER made by Bouncy Castle
        java.security.interfaces.ECPublicKey ecPublic = (java.security.interfaces.ECPublicKey) KEYS.getPublic();
        org.bouncycastle.asn1.DERBitString point = new org.bouncycastle.asn1.DERBitString(
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(ecPublic.getEncoded()).getPublicKeyData().getBytes());
        org.bouncycastle.asn1.ASN1ObjectIdentifier p256 = org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1;
        Path named = write("named.pem", pem("EC PRIVATE KEY",
                new org.bouncycastle.asn1.sec.ECPrivateKey(256, scalar(KEYS), point, p256).getEncoded()));
        Path unnamed = write("unnamed.pem", pem("EC PRIVATE KEY",
                new org.bouncycastle.asn1.sec.ECPrivateKey(256, scalar(KEYS), point, null).getEncoded()));
        Path bare = write("bare.pem", pem("EC PRIVATE KEY",
                new org.bouncycastle.asn1.sec.ECPrivateKey(256, scalar(KEYS), null, null).getEncoded()));
        Path p384 = write("p384.pem", pem("EC PRIVATE KEY", new org.bouncycastle.asn1.sec.ECPrivateKey(384, scalar(KEYS),
                null, org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp384r1).getEncoded()));

        KeyPair read = Pem.readKeyPair(named);

        assertThat(scalar(read)).isEqualTo(scalar(KEYS));
        assertThat(read.getPublic()).isEqualTo(KEYS.getPublic());
        assertThat(Pem.readKeyPair(unnamed).getPublic()).isEqualTo(KEYS.getPublic());
        assertThatThrownBy(() -> Pem.readPrivateKey(bare)).hasMessageContaining("names no curve");
        assertThatThrownBy(() -> Pem.readPrivateKey(p384)).hasMessageContaining("not on secp256r1")
                .hasMessageContaining("secp384r1");
    }

    @Test
    void bouncyCastleReadsTheKeyWeWrite() throws Exception {
        try (org.bouncycastle.openssl.PEMParser parser = new org.bouncycastle.openssl.PEMParser(
                new java.io.StringReader(Pem.encodePrivateKey(KEYS)))) {
            org.bouncycastle.asn1.pkcs.PrivateKeyInfo info = (org.bouncycastle.asn1.pkcs.PrivateKeyInfo) parser.readObject();
            java.security.PrivateKey key = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter().getPrivateKey(info);
            assertThat(((java.security.interfaces.ECPrivateKey) key).getS()).isEqualTo(scalar(KEYS));
            org.bouncycastle.asn1.sec.ECPrivateKey sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
            assertThat(sec1.getPublicKey().getOctets()).hasSize(65);
        }
    }

    private static java.math.BigInteger scalar(KeyPair pair) {
        return ((java.security.interfaces.ECPrivateKey) pair.getPrivate()).getS();
    }

    private static java.math.BigInteger scalar(java.security.PrivateKey key) {
        return ((java.security.interfaces.ECPrivateKey) key).getS();
    }

    @Test
    void wrongFilesAreRefusedNamingTheFileAndTheProblem() throws Exception {
        Path notPem = write("notes.txt", "hello\n");
        Path der = Files.write(dir.resolve("key.der"), KEYS.getPublic().getEncoded());
        Path rsa = write("rsa.pem", pem("PRIVATE KEY", TestKeys.rsa().getPrivate().getEncoded()));
        Path p384 = write("p384.pem", pem("PUBLIC KEY", TestKeys.ec("secp384r1").getPublic().getEncoded()));
        Path encrypted = write("enc.pem", pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0}));
        Path legacyEncrypted = write("legacy.pem", "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,00\n\nAAAA\n-----END EC PRIVATE KEY-----\n");
        Path badBase64 = write("bad.pem", "-----BEGIN PUBLIC KEY-----\n%%%%\n-----END PUBLIC KEY-----\n");
        Path unterminated = write("open.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n");
        Path notACertificate = write("cert.pem", pem("CERTIFICATE", new byte[] {0x30, 3, 1, 1, 0}));
        Path rsaLegacy = write("rsa-legacy.pem", pem("RSA PRIVATE KEY", new byte[] {0x30, 0}));

        assertThatThrownBy(() -> Pem.readPrivateKey(notPem)).hasMessageStartingWith(notPem.toString())
                .hasMessageContaining("no \"PRIVATE KEY\" PEM block (not a PEM file)");
        assertThatThrownBy(() -> Pem.readPublicKey(der)).hasMessageContaining("is DER, not PEM");
        assertThatThrownBy(() -> Pem.readPrivateKey(rsa)).hasMessageStartingWith(rsa.toString())
                .hasMessageContaining("not an EC key").hasMessageContaining("RSA");
        assertThatThrownBy(() -> Pem.readPublicKey(p384)).hasMessageContaining("not on secp256r1")
                .hasMessageContaining("secp384r1");
        assertThatThrownBy(() -> Pem.readPrivateKey(encrypted)).hasMessageContaining("encrypted, which is not supported")
                .hasMessageContaining("openssl pkey");
        assertThatThrownBy(() -> Pem.readKeyPair(legacyEncrypted)).hasMessageContaining("encrypted");
        assertThatThrownBy(() -> Pem.readPublicKey(badBase64)).hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> Pem.readCertificates(unterminated)).hasMessageContaining("has no end line");
        assertThatThrownBy(() -> Pem.readCertificates(notACertificate)).hasMessageStartingWith(notACertificate.toString())
                .hasMessageContaining("certificate 1 is not a DER X.509 certificate");
        assertThatThrownBy(() -> Pem.readPrivateKey(rsaLegacy)).hasMessageContaining("RSA PRIVATE KEY cannot serve");
        assertThatThrownBy(() -> Pem.readCertificates(dir.resolve("missing.pem")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void aPkcs8KeyWithoutItsPublicKeyNeedsThePublicKeyFile() throws Exception {
        // the JDK's own PKCS#8 encoding leaves the public key out
        Path bare = write("bare.pem", pem("PRIVATE KEY", KEYS.getPrivate().getEncoded()));
        Path publicKey = dir.resolve("public.pem");
        Pem.writePublicKey(publicKey, KEYS.getPublic());
        Path peer = dir.resolve("peer.pem");
        KeyPair peerKeys = TestKeys.p256();
        Pem.writePublicKey(peer, peerKeys.getPublic());

        assertThat(scalar(Pem.readPrivateKey(bare))).isEqualTo(scalar(KEYS));
        if (Pem.readPrivateKey(bare).getEncoded().length < 100) {
            assertThatThrownBy(() -> Pem.readKeyPair(bare)).hasMessageContaining("give the public key file");
        }
        RawPublicKeyCredentials credentials = RawPublicKeyCredentials.fromPem(bare, publicKey, List.of(peer));
        assertThat(credentials.publicKey()).isEqualTo(KEYS.getPublic());
        assertThat(credentials.trusts(peerKeys.getPublic())).isTrue();
        assertThatThrownBy(() -> RawPublicKeyCredentials.fromPem(bare, peer, List.of(peer)))
                .hasMessageContaining("is not the public key of the private key in");
    }

    @Test
    void rawPublicKeyCredentialsReadTrustedKeysAndNiIdentitiesFromFiles() throws Exception {
        KeyPair a = TestKeys.p256();
        KeyPair b = TestKeys.p256();
        Path key = dir.resolve("key.pem");
        Pem.writePrivateKey(key, KEYS);
        Path keyFile = write("a.pem", Pem.encodePublicKey(a.getPublic()));
        Path identities = write("ids.txt", "# provisioned\n\n" + new RawPublicKeyPrincipal(b.getPublic()).getName() + "\n");
        Path empty = write("empty.txt", "# nothing\n");
        Path wrong = write("wrong.txt", "ni:///sha-1;abc\n");

        RawPublicKeyCredentials credentials = RawPublicKeyCredentials.fromPem(key, List.of(keyFile, identities));

        assertThat(credentials.trusts(a.getPublic())).isTrue();
        assertThat(credentials.trusts(b.getPublic())).isTrue();
        assertThat(credentials.trusts(TestKeys.p256().getPublic())).isFalse();
        assertThatThrownBy(() -> RawPublicKeyCredentials.fromPem(key, List.of(empty))).hasMessageStartingWith(empty.toString())
                .hasMessageContaining("no \"PUBLIC KEY\" PEM block and no ni: identity");
        assertThatThrownBy(() -> RawPublicKeyCredentials.fromPem(key, List.of(wrong))).hasMessageStartingWith(wrong.toString());
    }

    @Test
    void certificateCredentialsComeFromAKeyAChainAndAnchors() throws Exception {
        KeyPair rootKeys = TestKeys.p256();
        X509Certificate root = TestCertificates.root("CN=root", rootKeys);
        X509Certificate own = TestCertificates.of("CN=own", KEYS).issuedBy(root, rootKeys.getPrivate()).dns("own.example").build();
        Path key = dir.resolve("key.pem");
        Path chain = dir.resolve("chain.pem");
        Path anchors = dir.resolve("ca.pem");
        Pem.writePrivateKey(key, KEYS);
        Pem.writeCertificates(chain, List.of(own));
        Pem.writeCertificates(anchors, List.of(root));

        CertificateCredentials credentials = CertificateCredentials.fromPem(key, chain, anchors);

        assertThat(credentials.chain()).containsExactly(own);
        assertThat(scalar(credentials.privateKey())).isEqualTo(scalar(KEYS));
        assertThat(credentials.validatePeer(List.of(own), ConnectionEnd.SERVER, Optional.of("own.example"), NOW).getName())
                .isEqualTo("CN=own");
    }
}
