package io.coaps4j.cli.client;

import io.coaps4j.cli.Terminal;
import io.coaps4j.coap.message.Code;
import picocli.CommandLine.Command;

/** {@code coaps4j delete URI}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Send a DELETE request; the payload goes to standard output, the response code to standard error.")
public final class DeleteCommand extends RequestCommand {
    public DeleteCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    Code method() {
        return Code.DELETE;
    }
}
