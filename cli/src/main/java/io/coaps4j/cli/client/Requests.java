package io.coaps4j.cli.client;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.client.CoapClientException;
import io.coaps4j.coap.client.CoapTimeoutException;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.ExchangeFailure;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.uri.CoapUri;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;

/** Builds and sends the CLI's requests, turning every failure into a one-line {@link CommandFailure}. */
final class Requests {
    private Requests() {
    }

    /** A request builder for {@code uri}; an unusable URI is a usage error. */
    static ClientRequest.Builder builder(Code method, String uri) {
        CoapUri parsed = parse(uri);
        return ClientRequest.method(method, parsed.toString());
    }

    static CoapUri parse(String uri) {
        CoapUri parsed;
        try {
            parsed = CoapUri.parse(uri);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, "invalid URI: " + e.getMessage());
        }
        if (parsed.scheme().secure()) {
            throw new CommandFailure(ExitCodes.USAGE, "coaps:// (CoAP over DTLS) is not available in this build of"
                    + " coaps4j yet; use coap://");
        }
        return parsed;
    }

    /** Sends on a client of its own and waits at most {@code timeout}. */
    static CoapResponse send(ClientRequest request, Duration timeout) {
        try (CoapClient client = CoapClient.builder().timeout(timeout).build()) {
            return client.send(request);
        } catch (CoapTimeoutException e) {
            throw new CommandFailure(ExitCodes.TIMEOUT, "no response from " + request.uri() + " within "
                    + seconds(timeout) + " s");
        } catch (CoapClientException e) {
            if (e.failure() == ExchangeFailure.RESET) {
                throw new CommandFailure(ExitCodes.FAILURE, request.uri() + " rejected the request with a reset (RST)");
            }
            if (e.failure() == null) {
                // Never reached the network (e.g. the host name did not resolve); the message names the URI.
                throw new CommandFailure(ExitCodes.FAILURE, e.getMessage());
            }
            throw new CommandFailure(ExitCodes.FAILURE, "request to " + request.uri() + " failed: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new CommandFailure(ExitCodes.FAILURE, "cannot open a UDP socket: " + e.getCause().getMessage());
        }
    }

    private static String seconds(Duration timeout) {
        return BigDecimal.valueOf(timeout.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }
}
