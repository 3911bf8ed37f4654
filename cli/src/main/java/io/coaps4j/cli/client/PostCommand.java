package io.coaps4j.cli.client;

import io.coaps4j.cli.Terminal;
import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.message.Code;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code coaps4j post URI [--payload TEXT | --payload-file FILE] [--content-format CF]}. */
@Command(name = "post", mixinStandardHelpOptions = true,
        description = "Send a POST request with a payload; the response payload goes to standard output, its code to"
                + " standard error.")
public final class PostCommand extends RequestCommand {
    @Mixin
    PayloadOptions body;

    public PostCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    Code method() {
        return Code.POST;
    }

    @Override
    void addBody(ClientRequest.Builder request) {
        body.applyTo(request);
    }
}
