package io.coaps4j.cli.client;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.cli.keys.P256Keys;
import io.coaps4j.cli.keys.PemReading;
import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code --trust FILE} with {@code --key FILE} and {@code --cert FILE}: the RawPublicKey and Certificate
 * modes of a client (RFC 7252 sections 9.1.3.2 and 9.1.3.3). {@code --trust} names whom the client accepts: a
 * server's public key (RawPublicKey) or a CA certificate (Certificate); its kind picks the mode.
 * {@code --key} alone is the client's raw public key, {@code --cert} with {@code --key} its certificate.
 *
 * <p>Without a key of its own the client's credentials are trust only: asked for a certificate, it sends an
 * empty one (RFC 5246 section 7.4.6), which a server with client authentication none or want accepts and one
 * that needs it refuses (RFC 7252 has both ends authenticate by default).
 */
public final class ClientKeyOptions {
    @Option(names = "--trust", paramLabel = "FILE",
            description = "accept the server whose public key (RawPublicKey mode) or CA certificate (Certificate mode)"
                    + " is in FILE, PEM; repeatable")
    List<Path> trust = new ArrayList<>();

    @Option(names = "--key", paramLabel = "FILE",
            description = "this client's private key, PEM: its raw public key, or with --cert its certificate's key")
    Path key;

    @Option(names = "--cert", paramLabel = "FILE",
            description = "this client's certificate (or chain, its own first), PEM, for servers that ask for one")
    Path cert;

    /** The RawPublicKey and Certificate credentials the options name; either may be empty, not both. */
    public record Keys(Optional<RawPublicKeyCredentials> rawPublicKey, Optional<CertificateCredentials> certificate) {
    }

    /** True when any of these options was given. */
    public boolean given() {
        return !trust.isEmpty() || key != null || cert != null;
    }

    /** The option names given, for messages. */
    public String givenNames() {
        List<String> names = new ArrayList<>();
        if (!trust.isEmpty()) {
            names.add("--trust");
        }
        if (key != null) {
            names.add("--key");
        }
        if (cert != null) {
            names.add("--cert");
        }
        return String.join(", ", names);
    }

    /**
     * The credentials given.
     *
     * @throws CommandFailure (usage) when the options do not fit together or a file is unusable
     */
    public Keys keys() {
        if (trust.isEmpty()) {
            throw usage(givenNames() + " needs --trust FILE: the server's public key or its CA certificate (a"
                    + " server that is not checked could be anyone)");
        }
        if (cert != null && key == null) {
            throw usage("--cert needs --key FILE: the certificate's private key");
        }
        Set<PublicKey> serverKeys = new HashSet<>();
        Set<TrustAnchor> anchors = new HashSet<>();
        for (Path file : trust) {
            readTrust(file, serverKeys, anchors);
        }
        if (cert != null && anchors.isEmpty()) {
            throw usage("--cert is for the Certificate mode, but --trust gives no CA certificate: --trust the CA that"
                    + " signed the server's certificate");
        }
        if (key != null && cert == null && serverKeys.isEmpty()) {
            throw usage("--key without --cert is a raw public key, but --trust gives no server public key: add"
                    + " --cert FILE, or --trust the server's public key");
        }
        Optional<RawPublicKeyCredentials> rawPublicKey = Optional.empty();
        if (!serverKeys.isEmpty()) {
            if (key != null && cert == null) {
                KeyPair own = keyPair(key);
                rawPublicKey = Optional.of(new RawPublicKeyCredentials(own.getPrivate(), own.getPublic(), serverKeys));
            } else {
                // No key of ours: asked for one, the client sends an empty Certificate (client auth none/want).
                rawPublicKey = Optional.of(RawPublicKeyCredentials.trustOnly(serverKeys));
            }
        }
        Optional<CertificateCredentials> certificate = Optional.empty();
        if (!anchors.isEmpty()) {
            certificate = Optional.of(certificateCredentials(anchors));
        }
        return new Keys(rawPublicKey, certificate);
    }

    private CertificateCredentials certificateCredentials(Set<TrustAnchor> anchors) {
        if (cert == null) {
            return CertificateCredentials.trustOnly(anchors);
        }
        List<X509Certificate> chain = certificates("--cert", cert);
        KeyPair own = keyPair(key);
        if (!chain.get(0).getPublicKey().equals(own.getPublic())) {
            throw usage("--key " + key + " is not the key of the certificate in --cert " + cert);
        }
        try {
            return new CertificateCredentials(own.getPrivate(), chain, anchors);
        } catch (IllegalArgumentException e) {
            throw usage("--cert " + cert + ": " + e.getMessage());
        }
    }

    private static void readTrust(Path file, Set<PublicKey> serverKeys, Set<TrustAnchor> anchors) {
        PemReading.Content content;
        try {
            content = PemReading.content(file);
        } catch (IOException e) {
            throw unreadable("--trust", file, e);
        }
        switch (content) {
            case PUBLIC_KEY -> {
                PublicKey serverKey;
                try {
                    serverKey = PemReading.publicKey(file);
                    P256Keys.requireP256(serverKey);
                } catch (IOException e) {
                    throw unreadable("--trust", file, e);
                } catch (IllegalArgumentException e) {
                    throw usage("--trust " + file + ": " + e.getMessage());
                }
                serverKeys.add(serverKey);
            }
            case CERTIFICATES -> {
                for (X509Certificate ca : certificates("--trust", file)) {
                    anchors.add(new TrustAnchor(ca, null));
                }
            }
            default -> throw usage("--trust " + file + " holds neither a public key (-----BEGIN PUBLIC KEY-----) nor"
                    + " a certificate (-----BEGIN CERTIFICATE-----)");
        }
    }

    private static KeyPair keyPair(Path file) {
        try {
            return PemReading.keyPair(file);
        } catch (IOException e) {
            throw unreadable("--key", file, e);
        }
    }

    private static List<X509Certificate> certificates(String option, Path file) {
        try {
            return PemReading.certificates(file);
        } catch (IOException e) {
            throw unreadable(option, file, e);
        }
    }

    private static CommandFailure unreadable(String option, Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return usage(option + " " + file + " does not exist");
        }
        return usage(option + ": " + (e.getMessage() != null ? e.getMessage() : "cannot read " + file));
    }

    private static CommandFailure usage(String message) {
        return new CommandFailure(ExitCodes.USAGE, message);
    }
}
