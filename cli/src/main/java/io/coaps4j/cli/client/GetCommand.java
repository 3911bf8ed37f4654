package io.coaps4j.cli.client;

import io.coaps4j.cli.Terminal;
import io.coaps4j.coap.message.Code;
import picocli.CommandLine.Command;

/** {@code coaps4j get URI}. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Send a GET request; the payload goes to standard output, the response code to standard error.")
public final class GetCommand extends RequestCommand {
    public GetCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    Code method() {
        return Code.GET;
    }
}
