package io.coaps4j.cli.keys;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.cli.Terminal;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.bouncycastle.util.IPAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coaps4j keys cert --ca DIR --out DIR}: a server or client certificate signed by a CA from {@code keys ca}. */
@Command(name = "cert", mixinStandardHelpOptions = true,
        description = {"Make a P-256 key and a certificate for it signed by the CA in --ca DIR (ca.pem and ca-key.pem,"
                + " as coaps4j keys ca writes them): DIR/cert.pem (the certificate alone, for --cert and libcoap's"
                + " -c: peers hold the CA already), DIR/chain.pem (the certificate then the CA's, for tools that want"
                + " the whole chain in one file) and DIR/key.pem (private, readable by its owner only).",
            "A server certificate (the default; extendedKeyUsage serverAuth) names the server by --uri, --dns or --ip,"
                + " as clients check it (RFC 6125, RFC 7252 section 9.1.3.3); --client makes a client certificate"
                + " (clientAuth)."})
final class KeysCertCommand implements Callable<Integer> {
    static final String CERTIFICATE_FILE = "cert.pem";
    static final String CHAIN_FILE = "chain.pem";
    static final String KEY_FILE = "key.pem";
    private static final Pattern DNS_NAME = Pattern.compile("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

    @Option(names = "--ca", paramLabel = "DIR", required = true, description = "folder with ca.pem and ca-key.pem")
    Path ca;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "folder to write into (made if needed)")
    Path out;

    @Option(names = "--uri", paramLabel = "URI", description = "a URI-ID, e.g. coaps://sensor.example (repeatable)")
    List<String> uris = new ArrayList<>();

    @Option(names = "--dns", paramLabel = "HOST", description = "a DNS-ID, e.g. sensor.example (repeatable)")
    List<String> dnsNames = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "ADDR", description = "an IP address, e.g. 192.0.2.1 or ::1 (repeatable)")
    List<String> ipAddresses = new ArrayList<>();

    @Option(names = "--client",
            description = "a client certificate (extendedKeyUsage clientAuth) instead of a server's")
    boolean client;

    @Option(names = "--name", paramLabel = "CN", description = "the subject's common name (default: the first name"
            + " given, else \"coaps4j client\")")
    String name;

    @Option(names = "--days", paramLabel = "N", defaultValue = "365",
            description = "valid for N days (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--force", description = "replace existing files")
    boolean force;

    private final Terminal terminal;

    KeysCertCommand(Terminal terminal) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
    }

    @Override
    public Integer call() {
        CertificateIssuer.Names names = names();
        if (!client && names.isEmpty()) {
            throw usage("a server certificate needs the names clients reach it by: give --uri, --dns or --ip"
                    + " (or --client for a client certificate)");
        }
        CertificateIssuer.Authority authority = readAuthority(ca);
        SecureRandom random = new SecureRandom();
        KeyPair pair = P256Keys.generate(random);
        X509Certificate certificate = new CertificateIssuer(random, Instant.now()).endEntity(authority,
                pair.getPublic(), commonName(names), names, client, KeysCaCommand.validity(days));
        if (certificate.getNotAfter().after(authority.certificate().getNotAfter())) {
            terminal.errLine("coaps4j: warning: the certificate outlives its CA ("
                    + authority.certificate().getNotAfter() + "); peers refuse it after that");
        }
        Path certificateFile = out.resolve(CERTIFICATE_FILE);
        Path chainFile = out.resolve(CHAIN_FILE);
        Path keyFile = out.resolve(KEY_FILE);
        KeyOutput.write(new PemWriting()
                .certificates(certificateFile, List.of(certificate))
                .certificates(chainFile, List.of(certificate, authority.certificate()))
                .privateKey(keyFile, pair), force);
        terminal.errLine("wrote " + certificateFile + " (" + (client ? "client" : "server") + " certificate), "
                + chainFile + " (with the CA's) and " + keyFile + " (its private key, keep it private)");
        terminal.outLine("SHA-256 fingerprint " + Fingerprints.sha256(certificate));
        return ExitCodes.OK;
    }

    /** The CA certificate and key from a folder written by {@code keys ca}, checked to belong together. */
    static CertificateIssuer.Authority readAuthority(Path directory) {
        Path certificateFile = directory.resolve(KeysCaCommand.CERTIFICATE_FILE);
        Path keyFile = directory.resolve(KeysCaCommand.KEY_FILE);
        try {
            X509Certificate certificate = PemReading.certificates(certificateFile).get(0);
            KeyPair key = PemReading.keyPair(keyFile);
            if (!certificate.getPublicKey().equals(key.getPublic())) {
                throw usage(keyFile + " is not the key of " + certificateFile);
            }
            if (certificate.getBasicConstraints() < 0) {
                throw usage(certificateFile + " is not a CA certificate (basicConstraints CA:false)");
            }
            return new CertificateIssuer.Authority(certificate, key.getPrivate());
        } catch (NoSuchFileException e) {
            throw usage("--ca " + directory + ": " + e.getFile() + " does not exist (make a CA with coaps4j keys ca"
                    + " --out " + directory + ")");
        } catch (IOException e) {
            throw usage("--ca " + directory + ": " + e.getMessage());
        }
    }

    private CertificateIssuer.Names names() {
        for (String uri : uris) {
            checkUri(uri);
        }
        for (String dns : dnsNames) {
            if (!DNS_NAME.matcher(dns).matches() || dns.length() > 253) {
                throw usage("--dns: '" + dns + "' is not a host name");
            }
        }
        for (String ip : ipAddresses) {
            if (!IPAddress.isValid(ip)) {
                throw usage("--ip: '" + ip + "' is not an IPv4 or IPv6 address");
            }
        }
        return new CertificateIssuer.Names(uris, dnsNames, ipAddresses);
    }

    private static void checkUri(String uri) {
        try {
            URI parsed = new URI(uri);
            if (parsed.getScheme() == null || parsed.getHost() == null) {
                throw usage("--uri: '" + uri + "' needs a scheme and a host, e.g. coaps://sensor.example");
            }
        } catch (URISyntaxException e) {
            throw usage("--uri: '" + uri + "' is not a URI: " + e.getReason());
        }
    }

    private String commonName(CertificateIssuer.Names names) {
        if (name != null) {
            if (name.isBlank()) {
                throw usage("--name must not be empty");
            }
            return name;
        }
        if (!names.dnsNames().isEmpty()) {
            return names.dnsNames().get(0);
        }
        if (!names.uris().isEmpty()) {
            return URI.create(names.uris().get(0)).getHost();
        }
        if (!names.ipAddresses().isEmpty()) {
            return names.ipAddresses().get(0);
        }
        return "coaps4j client";
    }

    private static CommandFailure usage(String message) {
        return new CommandFailure(ExitCodes.USAGE, message);
    }
}
