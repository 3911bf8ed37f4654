package io.coaps4j.cli.keys;

import io.coaps4j.cli.ExitCodes;
import io.coaps4j.cli.Terminal;
import io.coaps4j.dtls.credentials.RawPublicKeyPrincipal;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coaps4j keys rpk --out DIR}: a key pair for the RawPublicKey mode (RFC 7250, RFC 7252 9.1.3.2). */
@Command(name = "rpk", mixinStandardHelpOptions = true,
        description = {"Make a P-256 key pair for the RawPublicKey mode: DIR/key.pem (private, PKCS#8, readable by"
                + " its owner only) and DIR/pub.pem (public, SubjectPublicKeyInfo, to give to peers for --trust or"
                + " --trust-rpk).",
            "Prints the key's identity, ni:///sha-256;... (RFC 6920), as peers see it."})
final class KeysRpkCommand implements Callable<Integer> {
    static final String KEY_FILE = "key.pem";
    static final String PUBLIC_FILE = "pub.pem";

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "folder to write into (made if needed)")
    Path out;

    @Option(names = "--force", description = "replace existing files")
    boolean force;

    private final Terminal terminal;

    KeysRpkCommand(Terminal terminal) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
    }

    @Override
    public Integer call() {
        KeyPair pair = P256Keys.generate(new SecureRandom());
        Path key = out.resolve(KEY_FILE);
        Path pub = out.resolve(PUBLIC_FILE);
        KeyOutput.write(new PemWriting().privateKey(key, pair).publicKey(pub, pair.getPublic()), force);
        terminal.errLine("wrote " + key + " (private key, keep it private) and " + pub + " (public key)");
        terminal.outLine(new RawPublicKeyPrincipal(pair.getPublic()).getName());
        return ExitCodes.OK;
    }
}
