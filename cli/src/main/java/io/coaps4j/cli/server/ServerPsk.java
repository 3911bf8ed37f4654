package io.coaps4j.cli.server;

import io.coaps4j.cli.Terminal;
import io.coaps4j.cli.psk.PskKeyFormat;
import io.coaps4j.cli.psk.ServerPskFile;
import io.coaps4j.dtls.credentials.PskCredentials;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pre-shared key the coaps listener accepts, and where it came from. The server's own key (in
 * the data folder) is printed at start, because that is how its owner learns it; a key given on the
 * command line is already known to the user and is not shown again.
 */
final class ServerPsk {
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9._:@%+=/,-]+");
    private static final Pattern TEXT_KEY = Pattern.compile("[!-~]+");

    private final PskCredentials credentials;
    private final Optional<ServerPskFile.Outcome> fromFile;

    private ServerPsk(PskCredentials credentials, Optional<ServerPskFile.Outcome> fromFile) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.fromFile = fromFile;
    }

    static ServerPsk given(PskCredentials credentials) {
        return new ServerPsk(credentials, Optional.empty());
    }

    static ServerPsk ofFile(ServerPskFile.Outcome outcome) {
        return new ServerPsk(outcome.credentials(), Optional.of(outcome));
    }

    PskCredentials credentials() {
        return credentials;
    }

    /** Prints the identity, the key (when it is the server's own) and two commands that use them. */
    void print(Terminal terminal, InetSocketAddress coapsLocal) {
        String identity = credentials.identity().text();
        if (fromFile.isEmpty()) {
            terminal.outLine("coaps pre-shared key: identity " + identity + ", key as given (" + credentials.key().length()
                    + " bytes, not shown)");
            return;
        }
        ServerPskFile.Outcome outcome = fromFile.get();
        terminal.outLine("coaps pre-shared key (" + (outcome.generated() ? "generated now into " : "from ")
                + outcome.file() + "):");
        terminal.outLine("  identity    " + identity);
        String hex = PskKeyFormat.hex(credentials.key());
        terminal.outLine("  key (hex)   " + hex);
        Optional<String> text = asText(credentials.key().bytes());
        text.ifPresent(t -> terminal.outLine("  key (text)  " + t));
        String uri = "coaps://" + exampleHost(coapsLocal)
                + (coapsLocal.getPort() == ServerCommand.DEFAULT_COAPS_PORT ? "" : ":" + coapsLocal.getPort()) + "/hello";
        terminal.outLine("  try: ./coaps4j get " + uri + " --psk-identity " + shellWord(identity) + " --psk-key " + hex);
        // libcoap 4.3's -k takes the key as text; only a printable key can be given to it.
        text.ifPresent(t -> terminal.outLine("       coap-client-openssl -u " + shellWord(identity) + " -k "
                + shellWord(t) + " -m get " + uri));
    }

    private static Optional<String> asText(byte[] key) {
        String text = new String(key, StandardCharsets.ISO_8859_1);
        return TEXT_KEY.matcher(text).matches() ? Optional.of(text) : Optional.empty();
    }

    /** The host a client on this machine reaches the listener by. */
    static String exampleHost(InetSocketAddress local) {
        InetAddress address = local.getAddress();
        if (address.isAnyLocalAddress()) {
            return "127.0.0.1";
        }
        return address instanceof Inet6Address ? "[" + address.getHostAddress().replaceFirst("%.*$", "") + "]"
                : address.getHostAddress();
    }

    /** {@code word} as one shell word: as it is when safe, else single-quoted. */
    static String shellWord(String word) {
        if (SHELL_SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
