package io.coaps4j.cli.keys;

import io.coaps4j.cli.Terminal;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code coaps4j keys}: makes the keys and certificates of the three secure modes. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        description = {"Make keys and certificates for coaps:// (PreSharedKey, RawPublicKey and Certificate modes,"
                + " RFC 7252 section 9), in PEM files that OpenSSL, libcoap and Californium read.",
            "Private keys are written readable by their owner only; no file is replaced without --force."})
public final class KeysCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The {@code keys} command with its subcommands, writing to {@code terminal}. */
    public static CommandLine commandLine(Terminal terminal) {
        return new CommandLine(new KeysCommand())
                .addSubcommand(new KeysPskCommand(terminal))
                .addSubcommand(new KeysRpkCommand(terminal))
                .addSubcommand(new KeysCaCommand(terminal))
                .addSubcommand(new KeysCertCommand(terminal));
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a keys command is required: psk, rpk, ca or cert");
    }
}
