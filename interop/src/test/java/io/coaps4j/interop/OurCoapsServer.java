package io.coaps4j.interop;

import io.coaps4j.cli.psk.PskConnectors;
import io.coaps4j.cli.server.CliServer;
import io.coaps4j.cli.store.DurableStore;
import io.coaps4j.dtls.credentials.PreSharedKey;
import io.coaps4j.dtls.credentials.PskCredentials;
import io.coaps4j.dtls.credentials.PskIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The server that {@code coaps4j server} runs, on loopback ephemeral ports, with coaps in the PSK
 * mode for one identity and key.
 */
final class OurCoapsServer implements AutoCloseable {
    private final CliServer server;

    private OurCoapsServer(CliServer server) {
        this.server = server;
    }

    static OurCoapsServer start(Path dataDir, String identity, byte[] key) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        PskCredentials credentials = new PskCredentials(PskIdentity.of(identity), PreSharedKey.of(key));
        return new OurCoapsServer(CliServer.start(new InetSocketAddress(loopback, 0), DurableStore.open(dataDir),
                Clock.systemUTC(), PskConnectors.server(new InetSocketAddress(loopback, 0), credentials)));
    }

    int coapsPort() {
        return server.secureLocalAddress().orElseThrow().getPort();
    }

    /** {@code coaps://127.0.0.1:port} followed by {@code path}. */
    String uri(String path) {
        return "coaps://127.0.0.1:" + coapsPort() + path;
    }

    DurableStore store() {
        return server.store();
    }

    @Override
    public void close() {
        server.close();
    }
}
