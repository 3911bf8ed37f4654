package io.coaps4j.cli.client;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.cli.Terminal;
import io.coaps4j.cli.psk.PskOptions;
import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.onem2m.OneM2mBinding;
import io.coaps4j.coap.onem2m.OneM2mBindingException;
import io.coaps4j.coap.onem2m.Operation;
import io.coaps4j.coap.onem2m.RequestMapping;
import io.coaps4j.coap.onem2m.RequestPrimitive;
import io.coaps4j.coap.onem2m.ResponseMapping;
import io.coaps4j.coap.onem2m.ResponsePrimitive;
import io.coaps4j.coap.onem2m.ResponseType;
import io.coaps4j.coap.uri.CoapUri;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code coaps4j onem2m CSE-URI --op retrieve --to cse-in/ae1 --from Cae1 ...}: one oneM2M request primitive
 * (TS-0008), in any security mode; the Content goes to standard output, the response primitive's RSC and
 * parameters to standard error.
 */
@Command(name = "onem2m", mixinStandardHelpOptions = true,
        description = "Send a oneM2M request primitive over CoAP (TS-0008) and show the response primitive: its"
                + " Content on standard output, its Response Status Code and parameters on standard error.")
public final class OneM2mCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CSE-URI", description = "coap://host[:port] or coaps://host[:port] of the"
            + " CSE (no path: the path comes from --to)")
    String cse;

    @Option(names = "--op", required = true, paramLabel = "OP",
            description = "create, retrieve, update, delete or notify")
    String operation;

    @Option(names = "--to", required = true, paramLabel = "TO", description = "the target: CSE-relative (cse-in/ae1),"
            + " SP-relative (/CSE-ID/cse-in) or absolute (//sp.example/CSE-ID/cse-in)")
    String to;

    @Option(names = "--from", paramLabel = "ID", description = "the originator (oneM2M-FR); may be left out only by an"
            + " AE registering (--op create --ty 2)")
    String from;

    @Option(names = "--rqi", paramLabel = "ID", description = "the request identifier (default: a random one)")
    String requestIdentifier;

    @Option(names = "--ty", paramLabel = "N", description = "the resource type of a create (oneM2M-TY), e.g. 2 for an AE")
    Integer resourceType;

    @Option(names = "--rvi", paramLabel = "V", defaultValue = "3",
            description = "the release version indicator (default: ${DEFAULT-VALUE})")
    String releaseVersion;

    @Option(names = "--rt", paramLabel = "N", description = "the response type: 1 nonBlockingRequestSynch, 2"
            + " nonBlockingRequestAsynch, 3 blockingRequest, 4 flexBlocking (1, 2 and 4 send a POST with op)")
    Integer responseType;

    @Option(names = "--query", paramLabel = "NAME=VALUE", description = "a Uri-Query parameter in short-name form"
            + " (filter criteria, rcn, drt...), repeatable: --query fu=1 --query ty=4")
    List<String> query = new ArrayList<>();

    @Mixin
    ExchangeOptions exchange;

    @Mixin
    PayloadOptions body;

    @Mixin
    PskOptions psk;

    @Mixin
    ClientKeyOptions keys;

    private final Terminal terminal;

    public OneM2mCommand(Terminal terminal) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
    }

    @Override
    public Integer call() {
        CoapUri target = Requests.parse(cse);
        Optional<ClientCredentials> credentials = Requests.credentialsFor(target, psk, keys)
                .map(c -> c.withConnectionIds(exchange.cid.policy()));
        RequestPrimitive primitive = primitive();
        ClientRequest.Builder request;
        try {
            request = rebuild(RequestMapping.toCoap(primitive, cse));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        CoapResponse response = Requests.send(request.build(), exchange.timeout, exchange.blockwise(), credentials,
                Requests.keepAliveFor(target, exchange.heartbeat), OneM2mBinding.config(EngineConfig.DEFAULT));
        ResponsePrimitive answer;
        try {
            answer = ResponseMapping.fromCoap(response, primitive.operation());
        } catch (OneM2mBindingException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "the response is not a oneM2M response primitive: "
                    + e.getMessage());
        }
        terminal.payload(answer.content());
        terminal.errLine("RSC " + answer.statusCode() + " " + answer.statusName() + " (CoAP " + response.code() + ")");
        answer.requestIdentifier().ifPresent(rqi -> terminal.errLine("rqi: " + rqi));
        answer.releaseVersion().ifPresent(rvi -> terminal.errLine("rvi: " + rvi));
        answer.from().ifPresent(fr -> terminal.errLine("from: " + fr));
        if (!answer.location().isEmpty()) {
            terminal.errLine("location: " + String.join("/", answer.location()));
        }
        answer.contentFormat().ifPresent(cf -> terminal.errLine("content-format: " + cf));
        return ResponseReport.exitCodeFor(response.code());
    }

    /** The CoAP request with the exchange options (--non, --timeout, --accept) added. */
    private ClientRequest.Builder rebuild(ClientRequest mapped) {
        ClientRequest.Builder request = ClientRequest.method(mapped.method(), mapped.uri().toString());
        request.options(mapped.options());
        if (mapped.payload().length > 0) {
            request.payload(mapped.payload());
        }
        request.confirmable(!exchange.nonConfirmable).timeout(exchange.timeout);
        return request;
    }

    private RequestPrimitive primitive() {
        try {
            RequestPrimitive.Builder b = RequestPrimitive.builder(Operation.parse(operation), to)
                    .requestIdentifier(requestIdentifier != null ? requestIdentifier : UUID.randomUUID().toString())
                    .releaseVersion(releaseVersion);
            if (from != null) {
                b.from(from);
            }
            if (resourceType != null) {
                b.resourceType(resourceType);
            }
            if (responseType != null) {
                b.responseType(ResponseType.of(responseType));
            }
            for (String parameter : query) {
                int equals = parameter.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("--query must be NAME=VALUE, was '" + parameter + "'");
                }
                b.query(parameter.substring(0, equals), parameter.substring(equals + 1));
            }
            byte[] content = body.payload();
            if (content.length > 0) {
                b.content(content, body.contentFormat().orElse(50));
            }
            exchange.accept().ifPresent(b::accept);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private static CommandFailure usage(String message) {
        return new CommandFailure(ExitCodes.USAGE, message);
    }
}
