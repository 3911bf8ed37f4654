package io.coaps4j.cli.keys;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.cli.Terminal;
import io.coaps4j.cli.psk.PskKeyFormat;
import io.coaps4j.cli.psk.ServerPskFile;
import io.coaps4j.dtls.credentials.PskCredentials;
import io.coaps4j.dtls.credentials.PskIdentity;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coaps4j keys psk}: a fresh pre-shared key, made as the server makes its own (see
 * {@link ServerPskFile}), printed in the form {@code --psk-key-file} reads.
 */
@Command(name = "psk", mixinStandardHelpOptions = true,
        description = {"Print a fresh PSK identity and key (22 random letters and digits, about 131 bits) as"
                + " identity=ID and key=HEX lines: save them to a file and give it to --psk-key-file.",
            "The key as text is printed too, in a comment, for libcoap's -k."})
final class KeysPskCommand implements Callable<Integer> {
    @Option(names = "--identity", paramLabel = "ID", description = "the identity (default: coaps4j- and 8 random"
            + " hex digits)")
    String identity;

    private final Terminal terminal;

    KeysPskCommand(Terminal terminal) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
    }

    @Override
    public Integer call() {
        PskCredentials generated = new ServerPskFile(new SecureRandom()).generate();
        PskIdentity chosen = generated.identity();
        if (identity != null) {
            try {
                chosen = PskIdentity.of(identity);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(ExitCodes.USAGE, "--identity: " + e.getMessage());
            }
        }
        terminal.outLine("# coaps4j pre-shared key (DTLS PSK, RFC 4279); keep it private.");
        String text = new String(generated.key().bytes(), StandardCharsets.US_ASCII);
        terminal.outLine("# key as text (libcoap -k): " + text);
        // The properties format escapes these; an identity has no line breaks to begin with (RFC 4279 section 5.1).
        terminal.outLine("identity=" + chosen.text().replace("\\", "\\\\"));
        terminal.outLine("key=" + PskKeyFormat.hex(generated.key()));
        return ExitCodes.OK;
    }
}
