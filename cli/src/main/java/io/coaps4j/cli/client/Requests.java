package io.coaps4j.cli.client;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.cli.psk.HeartbeatOption;
import io.coaps4j.cli.psk.PskOptions;
import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.client.CoapClientException;
import io.coaps4j.coap.client.CoapConnectException;
import io.coaps4j.coap.client.CoapMessageTooLargeException;
import io.coaps4j.coap.client.CoapTimeoutException;
import io.coaps4j.coap.blockwise.BlockwiseConfig;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.exchange.ExchangeFailure;
import io.coaps4j.coap.uri.CoapUri;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.coaps.DtlsHandshakeException;
import io.coaps4j.coaps.KeepAlive;
import io.coaps4j.dtls.credentials.PskCredentials;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/** Builds and sends the CLI's requests, turning every failure into a one-line {@link CommandFailure}. */
final class Requests {
    private Requests() {
    }

    static CoapUri parse(String uri) {
        try {
            return CoapUri.parse(uri);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, "invalid URI: " + e.getMessage());
        }
    }

    /**
     * The credentials for {@code target}: required for coaps://, refused for coap:// (where they
     * would protect nothing and their presence suggests a mistaken URI). A pre-shared key and keys
     * together are refused too, so that a failed handshake has one cause.
     */
    static Optional<ClientCredentials> credentialsFor(CoapUri target, PskOptions psk, ClientKeyOptions keys) {
        if (!target.scheme().secure()) {
            if (psk.given()) {
                throw new CommandFailure(ExitCodes.USAGE, psk.givenNames() + ": a pre-shared key is for coaps:// URIs;"
                        + " " + target + " is plain coap://");
            }
            if (keys.given()) {
                throw new CommandFailure(ExitCodes.USAGE, keys.givenNames() + ": keys are for coaps:// URIs; " + target
                        + " is plain coap://");
            }
            return Optional.empty();
        }
        if (psk.given() && keys.given()) {
            throw new CommandFailure(ExitCodes.USAGE, "give either a pre-shared key (" + psk.givenNames()
                    + ") or keys (" + keys.givenNames() + "), not both");
        }
        if (keys.given()) {
            return Optional.of(ClientCredentials.of(keys.keys()));
        }
        Optional<PskCredentials> credentials = psk.credentials();
        if (credentials.isEmpty()) {
            throw new CommandFailure(ExitCodes.USAGE, "coaps:// needs a pre-shared key: give --psk-identity ID with"
                    + " --psk-key HEX or --psk-key-file FILE; or the server's public key or CA certificate:"
                    + " --trust FILE");
        }
        return Optional.of(ClientCredentials.of(credentials.get()));
    }

    /**
     * The keep-alive for {@code target}: {@code --heartbeat} checks coaps:// sessions and is refused for coap://,
     * where there is no session to keep.
     */
    static KeepAlive keepAliveFor(CoapUri target, HeartbeatOption heartbeat) {
        if (heartbeat.given() && !target.scheme().secure()) {
            throw new CommandFailure(ExitCodes.USAGE, "--heartbeat checks coaps:// sessions; " + target
                    + " is plain coap://");
        }
        return heartbeat.keepAlive();
    }

    /**
     * Sends on a client of its own (over DTLS with {@code credentials}, the session checked by {@code keepAlive})
     * and waits at most {@code timeout}.
     */
    static CoapResponse send(ClientRequest request, Duration timeout, BlockwiseConfig blockwise,
                             Optional<ClientCredentials> credentials, KeepAlive keepAlive) {
        return send(request, timeout, blockwise, credentials, keepAlive, EngineConfig.DEFAULT);
    }

    /** {@link #send(ClientRequest, Duration, BlockwiseConfig, Optional, KeepAlive)}; {@code resumption} false: {@code --no-resumption}. */
    static CoapResponse send(ClientRequest request, Duration timeout, BlockwiseConfig blockwise,
                             Optional<ClientCredentials> credentials, KeepAlive keepAlive, boolean resumption) {
        return send(request, timeout, blockwise, credentials, keepAlive, EngineConfig.DEFAULT, resumption);
    }

    /** {@link #send(ClientRequest, Duration, BlockwiseConfig, Optional, KeepAlive)} on a client configured with {@code config}. */
    static CoapResponse send(ClientRequest request, Duration timeout, BlockwiseConfig blockwise,
                             Optional<ClientCredentials> credentials, KeepAlive keepAlive, EngineConfig config) {
        return send(request, timeout, blockwise, credentials, keepAlive, config, true);
    }

    private static CoapResponse send(ClientRequest request, Duration timeout, BlockwiseConfig blockwise,
                                     Optional<ClientCredentials> credentials, KeepAlive keepAlive, EngineConfig config,
                                     boolean resumption) {
        CoapClient.Builder builder = CoapClient.builder().config(config).timeout(timeout).blockwise(blockwise);
        DtlsConnector dtls = credentials.map(c -> c.connector(keepAlive, resumption)).orElse(null);
        if (dtls != null) {
            builder.connector(dtls);
        }
        try (CoapClient client = builder.build()) {
            try {
                return client.send(request);
            } catch (CoapTimeoutException e) {
                if (dtls != null && dtls.sessions().isEmpty()) {
                    throw HandshakeFailures.incomplete(hostAndPort(request.uri()) + " within " + seconds(timeout) + " s",
                            credentials.orElseThrow());
                }
                throw new CommandFailure(ExitCodes.TIMEOUT, "no response from " + request.uri() + " within "
                        + seconds(timeout) + " s");
            }
        } catch (CoapConnectException e) {
            if (e.getCause() instanceof DtlsHandshakeException handshake) {
                throw HandshakeFailures.describe(handshake, credentials.orElseThrow());
            }
            throw new CommandFailure(ExitCodes.FAILURE, e.getMessage());
        } catch (CoapMessageTooLargeException e) {
            throw new CommandFailure(ExitCodes.USAGE, "the request is " + e.size() + " bytes, more than one message"
                    + " to " + request.uri() + " can carry (" + e.limit() + " bytes); send a smaller payload");
        } catch (CoapClientException e) {
            if (e.failure() == ExchangeFailure.TRANSFER_FAILED) {
                throw new CommandFailure(ExitCodes.FAILURE, "the block-wise transfer with " + request.uri()
                        + " failed: the body is larger than " + blockwise.maxBodySize() + " bytes, or it changed"
                        + " or broke off in the middle");
            }
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

    private static String hostAndPort(CoapUri uri) {
        return uri.host() + ":" + uri.port();
    }

    private static String seconds(Duration timeout) {
        return BigDecimal.valueOf(timeout.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }
}
