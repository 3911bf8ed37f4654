package io.coaps4j.cli.server;

import io.coaps4j.cli.keys.CertificateIssuer;
import io.coaps4j.cli.keys.P256Keys;
import io.coaps4j.cli.keys.PemReading;
import io.coaps4j.cli.keys.PemWriting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The server's own keys of the RawPublicKey and Certificate modes, kept in its data folder beside
 * {@code psk.properties}: generated at the first start (private keys readable by their owner only),
 * read again at every later one, so that clients configured once keep working. Two sets, each
 * generated or read whole: the raw public keys (the server's and one client's, which the server
 * trusts) and the certificates (a CA, the server's certificate and a client's, both signed by it).
 * The client's halves exist so that the commands the server prints at start work as pasted.
 */
final class ServerKeyFiles {
    static final String RPK_KEY = "rpk-key.pem";
    static final String RPK_PUBLIC = "rpk-pub.pem";
    /** The client's private and public key in one file: the form libcoap's {@code -M} reads. */
    static final String CLIENT_RPK_KEY = "client-rpk-key.pem";
    static final String CLIENT_RPK_PUBLIC = "client-rpk-pub.pem";
    static final String CA = "ca.pem";
    static final String CA_KEY = "ca-key.pem";
    static final String SERVER_CERTIFICATE = "server-cert.pem";
    static final String SERVER_KEY = "server-key.pem";
    static final String CLIENT_CERTIFICATE = "client-cert.pem";
    static final String CLIENT_KEY = "client-key.pem";
    static final String SERVER_URI = "coaps://localhost";
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(825);

    private final Path directory;
    private final SecureRandom random;
    private final Instant now;

    ServerKeyFiles(Path dataDirectory, SecureRandom random, Instant now) {
        this.directory = dataDirectory.toAbsolutePath().normalize();
        this.random = Objects.requireNonNull(random, "random");
        this.now = Objects.requireNonNull(now, "now");
    }

    /** The raw public keys: the server's pair and the client's pair it trusts. */
    record RawPublicKeys(KeyPair server, PublicKey client, Path directory, boolean generated) {
        Path file(String name) {
            return directory.resolve(name);
        }
    }

    /** The certificates: the CA, the server's chain (its certificate then the CA's) and key. */
    record Certificates(X509Certificate ca, List<X509Certificate> serverChain, KeyPair serverKey, Path directory,
                        boolean generated) {
        Path file(String name) {
            return directory.resolve(name);
        }
    }

    Path file(String name) {
        return directory.resolve(name);
    }

    /**
     * Reads the raw public keys, or generates them when none of their files exists.
     *
     * @throws IOException when only some exist, or one is unreadable (the message names the file)
     */
    RawPublicKeys rawPublicKeys() throws IOException {
        List<String> names = List.of(RPK_KEY, RPK_PUBLIC, CLIENT_RPK_KEY, CLIENT_RPK_PUBLIC);
        if (allExist(names)) {
            KeyPair server = PemReading.keyPair(file(RPK_KEY));
            return new RawPublicKeys(server, PemReading.publicKey(file(CLIENT_RPK_PUBLIC)), directory, false);
        }
        KeyPair server = P256Keys.generate(random);
        KeyPair client = P256Keys.generate(random);
        new PemWriting()
                .keyPair(file(RPK_KEY), server)
                .publicKey(file(RPK_PUBLIC), server.getPublic())
                .keyPair(file(CLIENT_RPK_KEY), client)
                .publicKey(file(CLIENT_RPK_PUBLIC), client.getPublic())
                .write(false);
        return new RawPublicKeys(server, client.getPublic(), directory, true);
    }

    /**
     * Reads the certificates, or generates them when none of their files exists: a CA, a server certificate
     * naming {@code localhost}, {@code 127.0.0.1}, {@code ::1}, {@code hostName} and {@value #SERVER_URI}, and
     * a client certificate.
     *
     * @throws IOException when only some exist, or one is unreadable (the message names the file)
     */
    Certificates certificates(String hostName) throws IOException {
        List<String> names = List.of(CA, CA_KEY, SERVER_CERTIFICATE, SERVER_KEY, CLIENT_CERTIFICATE, CLIENT_KEY);
        if (allExist(names)) {
            X509Certificate ca = PemReading.certificates(file(CA)).get(0);
            List<X509Certificate> chain = new ArrayList<>(PemReading.certificates(file(SERVER_CERTIFICATE)));
            chain.add(ca);
            return new Certificates(ca, chain, PemReading.keyPair(file(SERVER_KEY)), directory, false);
        }
        CertificateIssuer issuer = new CertificateIssuer(random, now);
        KeyPair caKey = P256Keys.generate(random);
        X509Certificate ca = issuer.selfSignedCa(caKey, "coaps4j server CA " + hostName, CA_VALIDITY);
        CertificateIssuer.Authority authority = new CertificateIssuer.Authority(ca, caKey.getPrivate());
        KeyPair serverKey = P256Keys.generate(random);
        List<String> dnsNames = new ArrayList<>(List.of("localhost"));
        if (!hostName.equals("localhost") && !hostName.isBlank()) {
            dnsNames.add(hostName);
        }
        X509Certificate server = issuer.endEntity(authority, serverKey.getPublic(), "localhost",
                new CertificateIssuer.Names(List.of(SERVER_URI), dnsNames, List.of("127.0.0.1", "::1")), false,
                CERTIFICATE_VALIDITY);
        KeyPair clientKey = P256Keys.generate(random);
        X509Certificate client = issuer.endEntity(authority, clientKey.getPublic(), "coaps4j client",
                new CertificateIssuer.Names(List.of(), List.of(), List.of()), true, CERTIFICATE_VALIDITY);
        new PemWriting()
                .certificates(file(CA), List.of(ca))
                .privateKey(file(CA_KEY), caKey)
                .certificates(file(SERVER_CERTIFICATE), List.of(server))
                .privateKey(file(SERVER_KEY), serverKey)
                .certificates(file(CLIENT_CERTIFICATE), List.of(client))
                .privateKey(file(CLIENT_KEY), clientKey)
                .write(false);
        return new Certificates(ca, List.of(server, ca), serverKey, directory, true);
    }

    /** The private key files among {@code names} that others than the owner may read. */
    List<Path> readableByOthers(List<String> names) throws IOException {
        List<Path> readable = new ArrayList<>();
        for (String name : names) {
            if (Files.exists(file(name)) && PemWriting.readableByOthers(file(name))) {
                readable.add(file(name));
            }
        }
        return readable;
    }

    /** True when every file exists, false when none does; else the set is broken and the message says how. */
    private boolean allExist(List<String> names) throws IOException {
        List<String> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            (Files.exists(file(name)) ? present : missing).add(name);
        }
        if (missing.isEmpty()) {
            return true;
        }
        if (present.isEmpty()) {
            return false;
        }
        throw new IOException(directory + " holds " + String.join(", ", present) + " but not "
                + String.join(", ", missing) + "; restore them, or delete " + String.join(", ", present)
                + " to have new ones generated");
    }
}
