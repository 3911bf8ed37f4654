package io.coaps4j.cli.client;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.cli.Terminal;
import io.coaps4j.cli.psk.PskOptions;
import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.uri.CoapUri;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** One request to one URI, its response shown by {@link ResponseReport}. The method is the subclass's. */
abstract class RequestCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "URI", description = "coap://host[:port]/path[?query], or coaps:// with a"
            + " pre-shared key or keys")
    String uri;

    @Mixin
    ExchangeOptions exchange;

    @Mixin
    PskOptions psk;

    @Mixin
    ClientKeyOptions keys;

    @Mixin
    EndToEndOptions endToEnd;

    private final Terminal terminal;

    RequestCommand(Terminal terminal) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
    }

    abstract Code method();

    /** Adds what this method sends besides the URI and exchange options (e.g. a payload). */
    void addBody(ClientRequest.Builder request) {
    }

    @Override
    public Integer call() {
        CoapUri target = Requests.parse(uri);
        Optional<EndToEndOptions.EndToEndKey> e2eKey = endToEnd.key();
        if (e2eKey.isPresent()) {
            CoapResponse response = EndToEndRequests.send(method(), target, endToEnd.proxy(), e2eKey.get(),
                    endToEnd.handshake, exchange.timeout, request -> {
                        exchange.applyTo(request);
                        addBody(request);
                    });
            return ResponseReport.print(terminal, response.code(), response.payload());
        }
        if (endToEnd.proxy().isPresent()) {
            throw usage("--proxy without --e2e is not supported yet: give --e2e with --e2e-psk");
        }
        Optional<ClientCredentials> credentials = Requests.credentialsFor(target, psk, keys)
                .map(c -> c.withConnectionIds(exchange.cid.policy()));
        ClientRequest.Builder request = ClientRequest.method(method(), target.toString());
        exchange.applyTo(request);
        addBody(request);
        CoapResponse response = Requests.send(request.build(), exchange.timeout, exchange.blockwise(), credentials,
                Requests.keepAliveFor(target, exchange.heartbeat), exchange.resumption.enabled());
        return ResponseReport.print(terminal, response.code(), response.payload());
    }

    Terminal terminal() {
        return terminal;
    }

    static CommandFailure usage(String message) {
        return new CommandFailure(ExitCodes.USAGE, message);
    }
}
