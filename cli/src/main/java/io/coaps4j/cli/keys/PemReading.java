package io.coaps4j.cli.keys;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads the PEM files of the RawPublicKey and Certificate modes, as OpenSSL writes them: a private key
 * ({@code BEGIN PRIVATE KEY}, PKCS#8, or {@code BEGIN EC PRIVATE KEY}, RFC 5915), a public key
 * ({@code BEGIN PUBLIC KEY}, SubjectPublicKeyInfo) and certificates ({@code BEGIN CERTIFICATE}).
 * Other blocks in a file are skipped, so that a file holding a key and its certificate serves both.
 *
 * <p>The one place the command line parses PEM; once the library has its own PEM reader, this class
 * becomes a thin adapter to it. Every failure is an {@link IOException} naming the file and the problem.
 */
public final class PemReading {
    /** No key or chain file is larger; a bigger one is the wrong file. */
    static final long MAX_BYTES = 256 * 1024;

    private PemReading() {
    }

    /** The private key in {@code file}, with its public key (from the file, else computed). */
    public static KeyPair keyPair(Path file) throws IOException {
        for (Object block : blocks(file)) {
            try {
                JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
                if (block instanceof PrivateKeyInfo info) {
                    PrivateKey key = converter.getPrivateKey(info);
                    return new KeyPair(P256Keys.publicKeyOf(key), key);
                }
                if (block instanceof PEMKeyPair pair) {
                    PrivateKey key = converter.getPrivateKey(pair.getPrivateKeyInfo());
                    return new KeyPair(P256Keys.publicKeyOf(key), key);
                }
            } catch (PEMException | IllegalArgumentException e) {
                throw new IOException(file + ": the private key is not usable: " + e.getMessage(), e);
            }
        }
        throw new IOException(file + " holds no private key (expected -----BEGIN PRIVATE KEY-----; an encrypted key"
                + " must be decrypted first: openssl pkey -in FILE -out key.pem)");
    }

    /** The public key in {@code file}: its first {@code PUBLIC KEY} block. */
    public static PublicKey publicKey(Path file) throws IOException {
        List<Object> blocks = blocks(file);
        for (Object block : blocks) {
            if (block instanceof SubjectPublicKeyInfo info) {
                try {
                    return new JcaPEMKeyConverter().getPublicKey(info);
                } catch (PEMException e) {
                    throw new IOException(file + ": the public key is not usable: " + e.getMessage(), e);
                }
            }
        }
        throw new IOException(file + " holds no public key (expected -----BEGIN PUBLIC KEY-----, as"
                + " openssl pkey -pubout writes it)");
    }

    /** The certificates in {@code file}, in file order (for a chain: the node's own first). */
    public static List<X509Certificate> certificates(Path file) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object block : blocks(file)) {
            if (block instanceof X509CertificateHolder holder) {
                try {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                } catch (CertificateException e) {
                    throw new IOException(file + ": a certificate is not usable: " + e.getMessage(), e);
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new IOException(file + " holds no certificate (expected -----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /** What {@code file} holds: public keys, certificates, or neither (for {@code --trust}). */
    public enum Content { PUBLIC_KEY, CERTIFICATES, OTHER }

    /** Whether {@code file} holds a public key or certificates; certificates win when it holds both. */
    public static Content content(Path file) throws IOException {
        boolean publicKey = false;
        for (Object block : blocks(file)) {
            if (block instanceof X509CertificateHolder) {
                return Content.CERTIFICATES;
            }
            publicKey |= block instanceof SubjectPublicKeyInfo;
        }
        return publicKey ? Content.PUBLIC_KEY : Content.OTHER;
    }

    private static List<Object> blocks(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IOException(file + " is " + size + " bytes long; a PEM key or certificate file is at most "
                    + MAX_BYTES);
        }
        // PEM is ASCII; ISO-8859-1 maps any byte, so a binary (DER) file fails below with a PEM message.
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        List<Object> blocks = new ArrayList<>();
        try (Reader reader = new StringReader(text); PEMParser parser = new PEMParser(reader)) {
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                blocks.add(block);
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is not a PEM file: " + e.getMessage(), e);
        }
        if (blocks.isEmpty()) {
            throw new IOException(file + " holds no PEM block (-----BEGIN ...-----)");
        }
        return blocks;
    }
}
