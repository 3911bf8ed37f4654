package io.coaps4j.cli.client;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import java.util.HexFormat;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --proxy URI}, {@code --e2e}, {@code --e2e-psk ID:HEX}, {@code --e2e-handshake}: send the request
 * through a forward proxy and protect it end to end (docs/E2E.md) with an SA derived from the pre-shared key
 * and a fresh nonce, or agreed by a DTLS PSK handshake over CoAP with that key.
 */
public final class EndToEndOptions {
    @Option(names = "--proxy", paramLabel = "URI",
            description = "send through this forward proxy (coap://host:port); the request URI goes in Proxy-Uri")
    String proxy;

    @Option(names = "--e2e", description = "protect the request end to end (docs/E2E.md), through any proxy;"
            + " needs --e2e-psk")
    boolean e2e;

    @Option(names = "--e2e-psk", paramLabel = "ID:HEX",
            description = "the end-to-end pre-shared key: identity ID and key HEX (the origin's coaps4j server"
                    + " --e2e-psk)")
    String e2ePsk;

    @Option(names = "--e2e-handshake", description = "agree the end-to-end keys by a DTLS PSK handshake carried"
            + " over CoAP to /.well-known/e2e-hs (default: derive them from --e2e-psk and a fresh nonce)")
    boolean handshake;

    /** The identity and key of {@code --e2e-psk}. */
    public record EndToEndKey(String identity, byte[] key) {
    }

    Optional<String> proxy() {
        return Optional.ofNullable(proxy);
    }

    /** The key when {@code --e2e} is given; usage errors for half-given options. */
    Optional<EndToEndKey> key() {
        if (!e2e) {
            if (e2ePsk != null || handshake) {
                throw new CommandFailure(ExitCodes.USAGE, (handshake ? "--e2e-handshake" : "--e2e-psk")
                        + " needs --e2e");
            }
            return Optional.empty();
        }
        if (e2ePsk == null) {
            throw new CommandFailure(ExitCodes.USAGE, "--e2e needs --e2e-psk ID:HEX, the end-to-end pre-shared key");
        }
        return Optional.of(parse("--e2e-psk", e2ePsk));
    }

    static EndToEndKey parse(String option, String value) {
        int colon = value.lastIndexOf(':');
        if (colon < 1 || colon == value.length() - 1) {
            throw new CommandFailure(ExitCodes.USAGE, option + " must be ID:HEX, was '" + value + "'");
        }
        try {
            byte[] key = HexFormat.of().parseHex(value.substring(colon + 1));
            if (key.length == 0) {
                throw new IllegalArgumentException("empty");
            }
            return new EndToEndKey(value.substring(0, colon), key);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, option + ": the key after ':' must be hex digits");
        }
    }
}
