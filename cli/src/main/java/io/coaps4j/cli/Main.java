package io.coaps4j.cli;

import io.coaps4j.cli.client.DeleteCommand;
import io.coaps4j.cli.client.DiscoverCommand;
import io.coaps4j.cli.client.GetCommand;
import io.coaps4j.cli.client.ObserveCommand;
import io.coaps4j.cli.client.OneM2mCommand;
import io.coaps4j.cli.client.PostCommand;
import io.coaps4j.cli.client.PutCommand;
import io.coaps4j.cli.keys.KeysCommand;
import io.coaps4j.cli.server.ProxyCommand;
import io.coaps4j.cli.server.ServerCommand;
import io.coaps4j.cli.server.ServerLifecycle;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** The {@code coaps4j} command: parses the command line, runs a subcommand, exits with its status. */
public final class Main {
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private Main() {
    }

    public static void main(String[] args) {
        int status = execute(Terminal.system(), ServerLifecycle.untilJvmShutdown(CLOSE_GRACE), args);
        System.exit(status);
    }

    /**
     * Runs one command line with the given streams; returns the exit status (see {@link ExitCodes}).
     * {@code lifecycle} is how a {@code server} command is observed and stopped.
     */
    public static int execute(Terminal terminal, ServerLifecycle lifecycle, String... args) {
        return commandLine(terminal, lifecycle).execute(args);
    }

    static CommandLine commandLine(Terminal terminal, ServerLifecycle lifecycle) {
        CommandLine commandLine = new CommandLine(new RootCommand())
                .addSubcommand(new ServerCommand(terminal, lifecycle))
                .addSubcommand(new ProxyCommand(terminal, lifecycle))
                .addSubcommand(new GetCommand(terminal))
                .addSubcommand(new PostCommand(terminal))
                .addSubcommand(new PutCommand(terminal))
                .addSubcommand(new DeleteCommand(terminal))
                .addSubcommand(new DiscoverCommand(terminal))
                .addSubcommand(new ObserveCommand(terminal))
                .addSubcommand(new OneM2mCommand(terminal))
                .addSubcommand(KeysCommand.commandLine(terminal));
        commandLine.setOut(new PrintWriter(terminal.out(), true, StandardCharsets.UTF_8));
        commandLine.setErr(terminal.err());
        commandLine.setParameterExceptionHandler((ParameterException e, String[] args) -> {
            terminal.errLine("coaps4j: " + e.getMessage());
            terminal.errLine("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((Exception e, CommandLine failed, ParseResult parsed) -> {
            if (e instanceof CommandFailure) {
                terminal.errLine("coaps4j: " + e.getMessage());
                return ((CommandFailure) e).exitCode();
            }
            terminal.errLine("coaps4j: unexpected error: " + e);
            e.printStackTrace(terminal.err());
            terminal.err().flush();
            return ExitCodes.FAILURE;
        });
        return commandLine;
    }
}
