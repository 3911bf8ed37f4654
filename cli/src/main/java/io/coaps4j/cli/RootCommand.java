package io.coaps4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code coaps4j}: the command that holds the subcommands. */
@Command(name = "coaps4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Secure CoAP (RFC 7252, DTLS 1.2) server and client for the JVM.", ""},
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nExit status:%n",
        footer = {
            "  0  success (a 2.xx response)",
            "  1  the request or server failed (reset by the peer, network or file error)",
            "  2  bad command line",
            "  3  no response within the timeout",
            "  4  a 4.xx response",
            "  5  a 5.xx response"})
final class RootCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "a command is required");
    }
}
