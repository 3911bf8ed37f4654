package io.coaps4j.cli.server;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.cli.keys.P256Keys;
import io.coaps4j.cli.keys.PemReading;
import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The server's RawPublicKey and Certificate credentials: from the files given on the command line, else from
 * the data folder ({@link ServerKeyFiles}, generated at the first start). Given files that cannot be used are
 * a usage error naming the option; broken files in the data folder are a failure naming the file.
 */
final class ServerKeyMaterial {
    /** Where each part came from, for what the server prints at start. */
    record RawPublicKeySource(KeyPair own, Path ownFile, Map<Path, PublicKey> trusted,
                              Optional<ServerKeyFiles.RawPublicKeys> generated) {
    }

    record CertificateSource(List<X509Certificate> chain, KeyPair key, Path chainFile, List<X509Certificate> cas,
                             Path caFile, Optional<ServerKeyFiles.Certificates> generated) {
    }

    private final RawPublicKeySource rawPublicKey;
    private final CertificateSource certificate;

    private ServerKeyMaterial(RawPublicKeySource rawPublicKey, CertificateSource certificate) {
        this.rawPublicKey = rawPublicKey;
        this.certificate = certificate;
    }

    /**
     * Loads what {@code options} name and takes the rest from {@code files}.
     *
     * @param warnings receives one line per private key file in the data folder that others may read
     */
    static ServerKeyMaterial load(ServerKeyOptions options, ServerKeyFiles files, String hostName,
                                  Consumer<String> warnings) {
        if ((options.cert == null) != (options.key == null)) {
            throw usage(options.cert == null ? "--key needs --cert FILE: the certificate of that key"
                    : "--cert needs --key FILE: the certificate's private key");
        }
        RawPublicKeySource rpk = rawPublicKey(options, files);
        CertificateSource certificates = certificates(options, files, hostName);
        try {
            for (Path readable : files.readableByOthers(List.of(ServerKeyFiles.RPK_KEY, ServerKeyFiles.CLIENT_RPK_KEY,
                    ServerKeyFiles.CA_KEY, ServerKeyFiles.SERVER_KEY, ServerKeyFiles.CLIENT_KEY))) {
                warnings.accept("warning: other users can read " + readable + "; run chmod 600 " + readable);
            }
        } catch (IOException e) {
            throw dataFolder(e);
        }
        return new ServerKeyMaterial(rpk, certificates);
    }

    RawPublicKeySource rawPublicKeySource() {
        return rawPublicKey;
    }

    CertificateSource certificateSource() {
        return certificate;
    }

    /** The RawPublicKey mode's credentials: the server's key pair and the clients' keys it accepts. */
    RawPublicKeyCredentials rawPublicKeyCredentials() {
        return new RawPublicKeyCredentials(rawPublicKey.own().getPrivate(), rawPublicKey.own().getPublic(),
                Set.copyOf(rawPublicKey.trusted().values()));
    }

    /** The Certificate mode's credentials: the server's chain and key, and the CAs of its clients. */
    CertificateCredentials certificateCredentials() {
        Set<TrustAnchor> anchors = new HashSet<>();
        for (X509Certificate ca : certificate.cas()) {
            anchors.add(new TrustAnchor(ca, null));
        }
        return new CertificateCredentials(certificate.key().getPrivate(), certificate.chain(), anchors);
    }

    private static RawPublicKeySource rawPublicKey(ServerKeyOptions options, ServerKeyFiles files) {
        Optional<ServerKeyFiles.RawPublicKeys> generated = Optional.empty();
        if (options.rpkKey == null || options.trustRpk.isEmpty()) {
            try {
                generated = Optional.of(files.rawPublicKeys());
            } catch (IOException e) {
                throw dataFolder(e);
            }
        }
        KeyPair own = options.rpkKey != null ? keyPair("--rpk-key", options.rpkKey) : generated.orElseThrow().server();
        checkP256("--rpk-key", own.getPublic());
        Map<Path, PublicKey> trusted = new LinkedHashMap<>();
        if (options.trustRpk.isEmpty()) {
            trusted.put(files.file(ServerKeyFiles.CLIENT_RPK_PUBLIC), generated.orElseThrow().client());
        }
        for (Path file : options.trustRpk) {
            PublicKey key = publicKey(file);
            checkP256("--trust-rpk " + file, key);
            trusted.put(file, key);
        }
        Path ownFile = options.rpkKey != null ? options.rpkKey : files.file(ServerKeyFiles.RPK_PUBLIC);
        return new RawPublicKeySource(own, ownFile,
                trusted, options.rpkKey == null && options.trustRpk.isEmpty() ? generated : Optional.empty());
    }

    private static CertificateSource certificates(ServerKeyOptions options, ServerKeyFiles files, String hostName) {
        Optional<ServerKeyFiles.Certificates> generated = Optional.empty();
        if (options.cert == null || options.ca == null) {
            try {
                generated = Optional.of(files.certificates(hostName));
            } catch (IOException e) {
                throw dataFolder(e);
            }
        }
        List<X509Certificate> chain;
        KeyPair key;
        Path chainFile;
        if (options.cert != null) {
            chain = certificates("--cert", options.cert);
            key = keyPair("--key", options.key);
            if (!chain.get(0).getPublicKey().equals(key.getPublic())) {
                throw usage("--key " + options.key + " is not the key of the certificate in --cert " + options.cert);
            }
            chainFile = options.cert;
        } else {
            chain = generated.orElseThrow().serverChain();
            key = generated.orElseThrow().serverKey();
            chainFile = files.file(ServerKeyFiles.SERVER_CERTIFICATE);
        }
        List<X509Certificate> cas = options.ca != null ? certificates("--ca", options.ca)
                : List.of(generated.orElseThrow().ca());
        Path caFile = options.ca != null ? options.ca : files.file(ServerKeyFiles.CA);
        try {
            // Refused here rather than at the first handshake: an unusable chain is a command line mistake.
            new CertificateCredentials(key.getPrivate(), chain, Set.of(new TrustAnchor(cas.get(0), null)));
        } catch (IllegalArgumentException e) {
            throw usage("--cert " + chainFile + ": " + e.getMessage());
        }
        return new CertificateSource(chain, key, chainFile, cas, caFile,
                options.cert == null && options.ca == null ? generated : Optional.empty());
    }

    private static void checkP256(String option, PublicKey key) {
        try {
            P256Keys.requireP256(key);
        } catch (IllegalArgumentException e) {
            throw usage(option + ": " + e.getMessage());
        }
    }

    private static KeyPair keyPair(String option, Path file) {
        try {
            return PemReading.keyPair(file);
        } catch (IOException e) {
            throw given(option, file, e);
        }
    }

    private static PublicKey publicKey(Path file) {
        try {
            return PemReading.publicKey(file);
        } catch (IOException e) {
            throw given("--trust-rpk", file, e);
        }
    }

    private static List<X509Certificate> certificates(String option, Path file) {
        try {
            return PemReading.certificates(file);
        } catch (IOException e) {
            throw given(option, file, e);
        }
    }

    private static CommandFailure given(String option, Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return usage(option + " " + file + " does not exist");
        }
        return usage(option + ": " + (e.getMessage() != null ? e.getMessage() : "cannot read " + file));
    }

    private static CommandFailure dataFolder(IOException e) {
        String reason = e instanceof FileSystemException fs && fs.getReason() != null
                ? fs.getFile() + ": " + fs.getReason() : e.getMessage();
        return new CommandFailure(ExitCodes.FAILURE, "cannot use the coaps keys in the data folder: " + reason);
    }

    private static CommandFailure usage(String message) {
        return new CommandFailure(ExitCodes.USAGE, message);
    }
}
