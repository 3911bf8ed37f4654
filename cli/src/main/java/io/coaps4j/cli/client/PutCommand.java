package io.coaps4j.cli.client;

import io.coaps4j.cli.Terminal;
import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.message.Code;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code coaps4j put URI [--payload TEXT | --payload-file FILE] [--content-format CF]}. */
@Command(name = "put", mixinStandardHelpOptions = true,
        description = "Send a PUT request with a payload; the response payload goes to standard output, its code to"
                + " standard error.")
public final class PutCommand extends RequestCommand {
    @Mixin
    PayloadOptions body;

    public PutCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    Code method() {
        return Code.PUT;
    }

    @Override
    void addBody(ClientRequest.Builder request) {
        body.applyTo(request);
    }
}
