package io.coaps4j.cli.keys;

import io.coaps4j.dtls.credentials.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The command line's reading of the PEM files of the RawPublicKey and Certificate modes: the library's
 * {@link Pem} (private keys in PKCS#8 or SEC1, public keys, certificates, as OpenSSL writes them) with two
 * things a command needs on top: a size limit, so that the wrong file fails fast, and {@link #content} for
 * {@code --trust}, which takes a public key or CA certificates.
 */
public final class PemReading {
    /** No key or chain file is larger; a bigger one is the wrong file. */
    static final long MAX_BYTES = 256 * 1024;

    private static final String BEGIN_CERTIFICATE = "-----BEGIN CERTIFICATE-----";
    private static final String BEGIN_PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----";

    private PemReading() {
    }

    /**
     * The private key in {@code file} with its public key, computed from the private key, so that a PKCS#8
     * file without the public key inside serves as well.
     */
    public static KeyPair keyPair(Path file) throws IOException {
        requireSize(file);
        PrivateKey key = Pem.readPrivateKey(file);
        return new KeyPair(P256Keys.publicKeyOf(key), key);
    }

    /** The public key in {@code file}: its one {@code PUBLIC KEY} block. */
    public static PublicKey publicKey(Path file) throws IOException {
        requireSize(file);
        return Pem.readPublicKey(file);
    }

    /** The certificates in {@code file}, in file order (for a chain: the node's own first). */
    public static List<X509Certificate> certificates(Path file) throws IOException {
        requireSize(file);
        return Pem.readCertificates(file);
    }

    /** What {@code file} holds: public keys, certificates, or neither (for {@code --trust}). */
    public enum Content { PUBLIC_KEY, CERTIFICATES, OTHER }

    /** Whether {@code file} holds a public key or certificates (by their PEM labels); certificates win. */
    public static Content content(Path file) throws IOException {
        requireSize(file);
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        if (text.contains(BEGIN_CERTIFICATE)) {
            return Content.CERTIFICATES;
        }
        return text.contains(BEGIN_PUBLIC_KEY) ? Content.PUBLIC_KEY : Content.OTHER;
    }

    private static void requireSize(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IOException(file + " is " + size + " bytes long; a PEM key or certificate file is at most "
                    + MAX_BYTES);
        }
    }
}
