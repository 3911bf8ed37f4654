package io.coaps4j.cli.client;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.cli.Terminal;
import io.coaps4j.cli.psk.PskOptions;
import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.linkformat.Link;
import io.coaps4j.coap.linkformat.LinkFormat;
import io.coaps4j.coap.linkformat.LinkFormatException;
import io.coaps4j.coap.uri.CoapUri;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code coaps4j discover URI}: GET {@code /.well-known/core} (RFC 6690 section 4) and print the
 * links one per line. A URI without a path asks {@code /.well-known/core}, keeping its query as a
 * filter ({@code coap://host?rt=temperature}); a URI with a path is asked as given.
 */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"List the resources of a server (GET /.well-known/core), one link per line.",
            "A URI without a path asks /.well-known/core; its query filters the links (e.g. ?rt=time)."})
public final class DiscoverCommand implements Callable<Integer> {
    private static final List<String> WELL_KNOWN_CORE = List.of(".well-known", "core");

    @Parameters(index = "0", paramLabel = "URI", description = "coap://host[:port][?query], or coaps:// with a"
            + " pre-shared key or keys")
    String uri;

    @Mixin
    ExchangeOptions exchange;

    @Mixin
    PskOptions psk;

    @Mixin
    ClientKeyOptions keys;

    private final Terminal terminal;

    public DiscoverCommand(Terminal terminal) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
    }

    @Override
    public Integer call() {
        CoapUri target = Requests.parse(uri);
        Optional<ClientCredentials> credentials = Requests.credentialsFor(target, psk, keys)
                .map(c -> c.withConnectionIds(exchange.cid.policy()));
        if (target.path().isEmpty()) {
            target = target.withPathAndQuery(WELL_KNOWN_CORE, target.query());
        }
        ClientRequest.Builder request = ClientRequest.get(target.toString());
        exchange.applyTo(request);
        CoapResponse response = Requests.send(request.build(), exchange.timeout, exchange.blockwise(), credentials,
                Requests.keepAliveFor(target, exchange.heartbeat), exchange.resumption.enabled());
        if (!response.isSuccess()) {
            return ResponseReport.print(terminal, response.code(), response.payload());
        }
        List<Link> links;
        try {
            links = LinkFormat.parse(response.payload());
        } catch (LinkFormatException e) {
            terminal.errLine(response.code().toString());
            throw new CommandFailure(ExitCodes.FAILURE, target + " did not answer in link format: " + e.getMessage());
        }
        for (Link link : links) {
            terminal.outLine(link.toString());
        }
        terminal.errLine(response.code().toString());
        return ResponseReport.exitCodeFor(response.code());
    }
}
