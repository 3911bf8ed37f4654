package io.coaps4j.cli.client;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.cli.Terminal;
import io.coaps4j.cli.psk.PskOptions;
import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.client.ObserveListener;
import io.coaps4j.coap.client.Observing;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.ExchangeFailure;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.uri.CoapUri;
import io.coaps4j.coaps.DtlsConnector;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coaps4j observe URI}: RFC 7641, each notification's payload on standard output as it comes. */
@Command(name = "observe", mixinStandardHelpOptions = true,
        description = "Observe a resource (RFC 7641): each notification's payload goes to standard output, its"
                + " code to standard error, until --count notifications, --duration seconds or the server ends it.")
public final class ObserveCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "URI", description = "coap://host[:port]/path[?query], or coaps:// with a"
            + " pre-shared key or keys")
    String uri;

    @Option(names = "--count", paramLabel = "N", description = "stop after N notifications (the first response"
            + " included); default: no limit")
    Integer count;

    @Option(names = "--duration", paramLabel = "S", converter = SecondsConverter.class,
            description = "stop after S seconds; default: no limit")
    Duration duration;

    @Mixin
    ExchangeOptions exchange;

    @Mixin
    PskOptions psk;

    @Mixin
    ClientKeyOptions keys;

    @Mixin
    EndToEndOptions endToEnd;

    private final Terminal terminal;

    public ObserveCommand(Terminal terminal) {
        this.terminal = Objects.requireNonNull(terminal, "terminal");
    }

    @Override
    public Integer call() throws InterruptedException {
        if (count != null && count < 1) {
            throw new CommandFailure(ExitCodes.USAGE, "--count must be at least 1, was " + count);
        }
        CoapUri target = Requests.parse(uri);
        Optional<EndToEndOptions.EndToEndKey> e2eKey = endToEnd.key();
        if (e2eKey.isEmpty() && endToEnd.proxy().isPresent()) {
            throw new CommandFailure(ExitCodes.USAGE, "--proxy without --e2e is not supported yet: give --e2e with"
                    + " --e2e-psk");
        }
        CompletableFuture<Integer> done = new CompletableFuture<>();
        ObserveListener listener = printer(done);
        if (e2eKey.isPresent()) {
            try (EndToEndRequests requests = EndToEndRequests.open(target, endToEnd.proxy(), e2eKey.get(),
                    endToEnd.handshake, exchange.timeout)) {
                return untilDone(requests.observe(exchange::applyTo, listener), done);
            }
        }
        Optional<ClientCredentials> credentials = Requests.credentialsFor(target, psk, keys)
                .map(c -> c.withConnectionIds(exchange.cid.policy()));
        ClientRequest.Builder request = ClientRequest.get(target.toString());
        exchange.applyTo(request);
        CoapClient.Builder builder = CoapClient.builder().timeout(exchange.timeout);
        DtlsConnector dtls = credentials.map(c -> c.connector(Requests.keepAliveFor(target, exchange.heartbeat)))
                .orElse(null);
        if (dtls != null) {
            builder.connector(dtls);
        }
        try (CoapClient client = builder.build()) {
            return untilDone(client.observe(request.build(), listener), done);
        }
    }

    /** Prints each notification; {@code done} completes at --count or when the observation ends. */
    private ObserveListener printer(CompletableFuture<Integer> done) {
        AtomicInteger received = new AtomicInteger();
        AtomicReference<Code> lastCode = new AtomicReference<>();
        return new ObserveListener() {
            @Override
            public void onNotification(CoapResponse notification) {
                if (done.isDone()) {
                    return;
                }
                terminal.payload(lineOf(notification.payload()));
                terminal.errLine(notification.code().toString());
                lastCode.set(notification.code());
                if (count != null && received.incrementAndGet() >= count) {
                    done.complete(ExitCodes.OK);
                }
            }

            @Override
            public void onEnded(ExchangeFailure failure) {
                if (!done.isDone()) { // not our own cancel after --count or --duration
                    done.complete(exitFor(failure, lastCode.get()));
                }
            }
        };
    }

    /** Waits for --count, --duration or the end, then deregisters. */
    private int untilDone(Observing observing, CompletableFuture<Integer> done) throws InterruptedException {
        int status = await(done);
        done.complete(status); // after --duration too: the cancel below is ours, not news
        observing.cancel();
        observing.ended().completeOnTimeout(null, 2, TimeUnit.SECONDS).join(); // the Observe 1 goes out
        return status;
    }

    private int await(CompletableFuture<Integer> done) throws InterruptedException {
        try {
            return duration == null ? done.get() : done.get(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return ExitCodes.OK; // --duration passed: the observation did what was asked
        } catch (ExecutionException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "observe " + uri + " failed: " + e.getCause().getMessage());
        }
    }

    /** One notification per line: its payload with a newline unless it ends with one. */
    private static byte[] lineOf(byte[] payload) {
        if (payload.length > 0 && payload[payload.length - 1] == '\n') {
            return payload;
        }
        byte[] line = Arrays.copyOf(payload, payload.length + 1);
        line[payload.length] = '\n';
        return line;
    }

    /** The exit status when the observation ended on its own. */
    private int exitFor(ExchangeFailure failure, Code last) {
        if (failure == null) {
            terminal.errLine("the server ended the observation (or does not let " + uri + " be observed)");
            return last == null ? ExitCodes.FAILURE : ResponseReport.exitCodeFor(last);
        }
        switch (failure) {
            case TIMEOUT:
                terminal.errLine("no response from " + uri + " within the timeout");
                return ExitCodes.TIMEOUT;
            case CONNECTION_FAILED:
                terminal.errLine("could not connect to " + uri);
                return ExitCodes.FAILURE;
            default:
                terminal.errLine("the observation of " + uri + " ended: " + failure);
                return ExitCodes.FAILURE;
        }
    }
}
