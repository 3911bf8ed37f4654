package io.coaps4j.cli.keys;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.cli.Terminal;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coaps4j keys ca --out DIR}: a self-signed certificate authority for the Certificate mode. */
@Command(name = "ca", mixinStandardHelpOptions = true,
        description = {"Make a self-signed P-256 certificate authority: DIR/ca.pem (the certificate peers trust, with"
                + " --trust, --ca or libcoap's -C) and DIR/ca-key.pem (its private key, readable by its owner only).",
            "Sign server and client certificates with it by coaps4j keys cert --ca DIR."})
final class KeysCaCommand implements Callable<Integer> {
    static final String CERTIFICATE_FILE = "ca.pem";
    static final String KEY_FILE = "ca-key.pem";
    static final int MAX_DAYS = 36500;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "folder to write into (made if needed)")
    Path out;

    @Option(names = "--name", paramLabel = "CN", defaultValue = "coaps4j CA",
            description = "the CA's common name (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--days", paramLabel = "N", defaultValue = "3650",
            description = "valid for N days (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--force", description = "replace existing files")
    boolean force;

    private final Terminal terminal;

    KeysCaCommand(Terminal terminal) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
    }

    @Override
    public Integer call() {
        Duration validity = validity(days);
        if (name.isBlank()) {
            throw new CommandFailure(ExitCodes.USAGE, "--name must not be empty");
        }
        SecureRandom random = new SecureRandom();
        KeyPair pair = P256Keys.generate(random);
        X509Certificate ca = new CertificateIssuer(random, Instant.now()).selfSignedCa(pair, name, validity);
        Path certificate = out.resolve(CERTIFICATE_FILE);
        Path key = out.resolve(KEY_FILE);
        KeyOutput.write(new PemWriting().certificates(certificate, List.of(ca)).privateKey(key, pair), force);
        terminal.errLine("wrote " + certificate + " (CA certificate) and " + key
                + " (its private key, keep it private)");
        terminal.outLine("SHA-256 fingerprint " + Fingerprints.sha256(ca));
        return ExitCodes.OK;
    }

    static Duration validity(int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new CommandFailure(ExitCodes.USAGE, "--days must be 1.." + MAX_DAYS + ", was " + days);
        }
        return Duration.ofDays(days);
    }
}
