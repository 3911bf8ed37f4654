package io.coaps4j.cli.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The server's own keys and whom it trusts in the RawPublicKey and Certificate modes. What is not given
 * is taken from the data folder, where it is generated at the first start (see {@link ServerKeyFiles}).
 */
final class ServerKeyOptions {
    @Option(names = "--rpk-key", paramLabel = "FILE",
            description = "the server's RawPublicKey: a P-256 private key in PEM (default: rpk-key.pem in the data"
                    + " folder)")
    Path rpkKey;

    @Option(names = "--trust-rpk", paramLabel = "FILE",
            description = "accept the client whose public key (PEM) is in FILE; repeatable (default: the"
                    + " client-rpk-pub.pem generated in the data folder)")
    List<Path> trustRpk = new ArrayList<>();

    @Option(names = "--cert", paramLabel = "FILE",
            description = "the server's certificate in PEM, or its chain, its own first (with --key; default:"
                    + " server-cert.pem in the data folder, signed by the ca.pem there)")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "the private key of --cert, in PEM")
    Path key;

    @Option(names = "--ca", paramLabel = "FILE",
            description = "accept clients whose certificates chain to a CA certificate in FILE (default: ca.pem in"
                    + " the data folder)")
    Path ca;

    @Option(names = "--client-auth", paramLabel = "MODE", converter = ClientAuth.Converter.class,
            description = "ask RawPublicKey and Certificate clients for their key: none, want (accept those without"
                    + " one) or need (default: need)")
    ClientAuth clientAuth;

    ClientAuth clientAuth() {
        return clientAuth == null ? ClientAuth.NEED : clientAuth;
    }

    /** The options given, for "cannot be combined with --no-coaps"; empty when none was. */
    Optional<String> givenNames() {
        List<String> names = new ArrayList<>();
        if (rpkKey != null) {
            names.add("--rpk-key");
        }
        if (!trustRpk.isEmpty()) {
            names.add("--trust-rpk");
        }
        if (cert != null) {
            names.add("--cert");
        }
        if (key != null) {
            names.add("--key");
        }
        if (ca != null) {
            names.add("--ca");
        }
        if (clientAuth != null) {
            names.add("--client-auth");
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", names));
    }
}
