package io.coaps4j.dtls.credentials;

import io.coaps4j.dtls.crypto.CertificatePaths;
import io.coaps4j.dtls.crypto.EncodedKeys;
import io.coaps4j.dtls.crypto.PublicKeys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keys and certificates in the PEM files OpenSSL reads and writes (RFC 7468): "PRIVATE KEY" (unencrypted
 * PKCS#8, {@code openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256}), "EC PRIVATE KEY" (SEC1,
 * {@code openssl ecparam -name prime256v1 -genkey}), "PUBLIC KEY" (SubjectPublicKeyInfo, {@code openssl pkey
 * -pubout}) and "CERTIFICATE" (X.509, one or many). Text outside the blocks is ignored, as OpenSSL does. Keys must
 * be EC keys on secp256r1, the only curve of the public-key modes (RFC 7252 section 9.1.3.2). Encrypted keys are
 * not supported: {@code openssl pkey -in encrypted.pem -out key.pem} decrypts one.
 *
 * <p>Failures are {@link IOException}s whose message names the file and what is wrong with it.
 */
public final class Pem {
    private static final String PRIVATE_KEY = "PRIVATE KEY";
    private static final String EC_PRIVATE_KEY = "EC PRIVATE KEY";
    private static final String ENCRYPTED_PRIVATE_KEY = "ENCRYPTED PRIVATE KEY";
    private static final String PUBLIC_KEY = "PUBLIC KEY";
    private static final String CERTIFICATE = "CERTIFICATE";
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";
    private static final int LINE = 64;

    private Pem() {
    }

    /** One PEM block: its label, whether it had RFC 1421 headers (an encrypted legacy key), its DER bytes. */
    private record Block(String label, boolean hasHeaders, byte[] der) {
    }

    /**
     * The private key of {@code file} ("PRIVATE KEY" or "EC PRIVATE KEY").
     *
     * @throws IOException when the file cannot be read, holds no private key, an encrypted one, or one that is
     *                     not an EC key on secp256r1
     */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        byte[] pkcs8 = privateKeyInfo(file);
        try {
            return EncodedKeys.pkcs8PrivateKey(pkcs8);
        } catch (InvalidKeySpecException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /**
     * The key pair of {@code file}: its private key and the public key stored beside it, as OpenSSL writes both
     * forms.
     *
     * @throws IOException as {@link #readPrivateKey}, or when the file holds no public key or one that is not the
     *                     private key's
     */
    public static KeyPair readKeyPair(Path file) throws IOException {
        byte[] pkcs8 = privateKeyInfo(file);
        try {
            PrivateKey privateKey = EncodedKeys.pkcs8PrivateKey(pkcs8);
            PublicKey publicKey = EncodedKeys.pkcs8EmbeddedPublicKey(pkcs8).orElseThrow(() -> new IOException(file
                    + ": the private key file holds no public key; give the public key file as well"));
            if (!EncodedKeys.isKeyPair(privateKey, publicKey)) {
                throw new IOException(file + ": the public key stored in the file is not the private key's");
            }
            return new KeyPair(publicKey, privateKey);
        } catch (InvalidKeySpecException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /**
     * The one public key of {@code file} ("PUBLIC KEY").
     *
     * @throws IOException when the file cannot be read, holds no public key or several, or one that is not an EC
     *                     key on secp256r1
     */
    public static PublicKey readPublicKey(Path file) throws IOException {
        List<PublicKey> keys = readPublicKeys(file);
        if (keys.size() > 1) {
            throw new IOException(file + ": holds " + keys.size() + " public keys, expected one");
        }
        return keys.get(0);
    }

    /**
     * The public keys of {@code file}, one per "PUBLIC KEY" block, in order.
     *
     * @throws IOException when the file cannot be read, holds no public key, or one that is not an EC key on
     *                     secp256r1
     */
    public static List<PublicKey> readPublicKeys(Path file) throws IOException {
        List<PublicKey> keys = new ArrayList<>();
        for (Block block : blocks(file, Set.of(PUBLIC_KEY), PUBLIC_KEY)) {
            try {
                keys.add(EncodedKeys.subjectPublicKeyInfo(block.der()));
            } catch (InvalidKeySpecException e) {
                throw new IOException(file + ": public key " + (keys.size() + 1) + ": " + e.getMessage(), e);
            }
        }
        return keys;
    }

    /**
     * The certificates of {@code file}, one per "CERTIFICATE" block, in order.
     *
     * @throws IOException when the file cannot be read, holds no certificate, or one that does not decode
     */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        List<Block> blocks = blocks(file, Set.of(CERTIFICATE), CERTIFICATE);
        List<X509Certificate> certificates = new ArrayList<>(blocks.size());
        for (Block block : blocks) {
            try {
                certificates.addAll(CertificatePaths.decode(List.of(block.der())));
            } catch (CertificateException e) {
                throw new IOException(file + ": certificate " + (certificates.size() + 1)
                        + " is not a DER X.509 certificate: " + e.getMessage(), e);
            }
        }
        return certificates;
    }

    /** The "PRIVATE KEY" block (unencrypted PKCS#8, with the public key inside, as OpenSSL writes it) of a pair. */
    public static String encodePrivateKey(KeyPair keyPair) {
        byte[] der = EncodedKeys.pkcs8(keyPair.getPrivate(), keyPair.getPublic());
        try {
            return encode(PRIVATE_KEY, der);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    /** The "PUBLIC KEY" block (SubjectPublicKeyInfo) of a secp256r1 key. */
    public static String encodePublicKey(PublicKey key) {
        return encode(PUBLIC_KEY, PublicKeys.subjectPublicKeyInfo(PublicKeys.requireP256(key, "key")));
    }

    /** One "CERTIFICATE" block per certificate, in order. */
    public static String encodeCertificates(List<X509Certificate> certificates) {
        StringBuilder text = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                text.append(encode(CERTIFICATE, certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("the certificate " + certificate.getSubjectX500Principal()
                        + " does not encode", e);
            }
        }
        return text.toString();
    }

    /**
     * Writes {@link #encodePrivateKey} to {@code file}, readable by its owner only where the file system has
     * POSIX permissions (mode 600).
     */
    public static void writePrivateKey(Path file, KeyPair keyPair) throws IOException {
        String text = encodePrivateKey(keyPair);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                && file.getFileSystem().equals(FileSystems.getDefault())) {
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(file, ownerOnly);
            } else {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            }
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    /** Writes {@link #encodePublicKey} to {@code file}. */
    public static void writePublicKey(Path file, PublicKey key) throws IOException {
        Files.writeString(file, encodePublicKey(key), StandardCharsets.US_ASCII);
    }

    /** Writes {@link #encodeCertificates} to {@code file}. */
    public static void writeCertificates(Path file, List<X509Certificate> certificates) throws IOException {
        Files.writeString(file, encodeCertificates(certificates), StandardCharsets.US_ASCII);
    }

    /** The PKCS#8 DER of the file's private key, SEC1 wrapped into PKCS#8. */
    private static byte[] privateKeyInfo(Path file) throws IOException {
        Block block = blocks(file, Set.of(PRIVATE_KEY, EC_PRIVATE_KEY, ENCRYPTED_PRIVATE_KEY), PRIVATE_KEY).get(0);
        if (block.label().equals(ENCRYPTED_PRIVATE_KEY) || block.hasHeaders()) {
            throw new IOException(file + ": the private key is encrypted, which is not supported; decrypt it with"
                    + " `openssl pkey -in " + file + " -out key.pem`");
        }
        if (block.label().equals(PRIVATE_KEY)) {
            return block.der();
        }
        try {
            return EncodedKeys.pkcs8FromSec1(block.der());
        } catch (InvalidKeySpecException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(block.der(), (byte) 0);
        }
    }

    /** The blocks of {@code file} whose label is one of {@code labels}, at least one. */
    private static List<Block> blocks(Path file, Set<String> labels, String expected) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > 0 && bytes[0] == 0x30) {
            throw new IOException(file + ": is DER, not PEM; convert it, e.g. `openssl pkey -inform DER -in " + file
                    + "` (keys) or `openssl x509 -inform DER -in " + file + "` (certificates)");
        }
        List<Block> found = new ArrayList<>();
        List<String> otherLabels = new ArrayList<>();
        String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r?\n|\r");
        Arrays.fill(bytes, (byte) 0);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith(BEGIN) || !line.endsWith(DASHES) || line.length() < BEGIN.length() + DASHES.length()) {
                continue;
            }
            String label = line.substring(BEGIN.length(), line.length() - DASHES.length());
            String end = END + label + DASHES;
            StringBuilder base64 = new StringBuilder();
            boolean hasHeaders = false;
            int j = i + 1;
            for (; j < lines.length && !lines[j].strip().equals(end); j++) {
                String content = lines[j].strip();
                if (content.indexOf(':') >= 0) {
                    hasHeaders = true; // RFC 1421 headers: Proc-Type, DEK-Info
                } else {
                    base64.append(content);
                }
            }
            if (j == lines.length) {
                throw new IOException(file + ": the PEM block \"" + label + "\" has no end line (" + end + ")");
            }
            i = j;
            if (!labels.contains(label)) {
                otherLabels.add(label);
                continue;
            }
            try {
                found.add(new Block(label, hasHeaders, hasHeaders ? new byte[0] : Base64.getDecoder().decode(base64.toString())));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": the PEM block \"" + label + "\" is not valid base64", e);
            }
        }
        if (found.isEmpty()) {
            throw new IOException(file + ": holds no \"" + expected + "\" PEM block" + (otherLabels.isEmpty()
                    ? " (not a PEM file)" : ", only " + otherLabels) + explanation(otherLabels));
        }
        return found;
    }

    private static String explanation(List<String> labels) {
        Optional<String> foreign = labels.stream().filter(l -> l.equals("RSA PRIVATE KEY") || l.equals("DSA PRIVATE KEY")
                || l.equals("OPENSSH PRIVATE KEY")).findFirst();
        return foreign.map(l -> "; an " + l + " cannot serve: the public-key modes need an EC key on secp256r1"
                + " (`openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out key.pem`)").orElse("");
    }

    private static String encode(String label, byte[] der) {
        String base64 = Base64.getEncoder().encodeToString(der);
        StringBuilder text = new StringBuilder(base64.length() + base64.length() / LINE + 64);
        text.append(BEGIN).append(label).append(DASHES).append('\n');
        for (int i = 0; i < base64.length(); i += LINE) {
            text.append(base64, i, Math.min(base64.length(), i + LINE)).append('\n');
        }
        return text.append(END).append(label).append(DASHES).append('\n').toString();
    }
}
