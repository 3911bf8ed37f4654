package io.coaps4j.cli.psk;

import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.coaps.KeepAlive;
import io.coaps4j.dtls.config.ConnectionIdPolicy;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.credentials.PskCredentials;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The DTLS connectors of the command line, in the PSK mode with the default suite
 * TLS_PSK_WITH_AES_128_CCM_8 (RFC 7252 section 9.1.3.1): one identity and key, usable with any peer.
 */
public final class PskConnectors {
    private PskConnectors() {
    }

    /** A server's connector on {@code bind} that accepts {@code credentials} from any client. */
    public static DtlsConnector server(InetSocketAddress bind, PskCredentials credentials) {
        return server(bind, credentials, KeepAlive.disabled());
    }

    /** A server's connector on {@code bind} that accepts {@code credentials} and checks idle peers with {@code keepAlive}. */
    public static DtlsConnector server(InetSocketAddress bind, PskCredentials credentials, KeepAlive keepAlive) {
        Objects.requireNonNull(bind, "bind");
        return DtlsConnector.builder().bind(bind).psk(storeOf(credentials)).keepAlive(keepAlive).build();
    }

    /** A client's connector (any free port) that offers {@code credentials} to every server. */
    public static DtlsConnector client(PskCredentials credentials) {
        return client(credentials, KeepAlive.disabled());
    }

    /** A client's connector (any free port, client role only) that offers {@code credentials} and checks with {@code keepAlive}. */
    public static DtlsConnector client(PskCredentials credentials, KeepAlive keepAlive) {
        return client(credentials, keepAlive, true);
    }

    /** As {@link #client(PskCredentials, KeepAlive)}; {@code resumption} false: no session is resumed. */
    public static DtlsConnector client(PskCredentials credentials, KeepAlive keepAlive, boolean resumption) {
        if (!resumption) {
            DtlsConfig config = DtlsConfig.builder().pskStore(storeOf(credentials)).resumption(false).build();
            return DtlsConnector.builder().bind(new InetSocketAddress(0)).dtlsConfig(config).acceptHandshakes(false)
                    .keepAlive(keepAlive).build();
        }
        return DtlsConnector.builder().bind(new InetSocketAddress(0)).psk(storeOf(credentials)).acceptHandshakes(false)
                .keepAlive(keepAlive).build();
    }

    /** As {@link #client(PskCredentials, KeepAlive, boolean)}, using connection IDs as {@code connectionIds} says. */
    public static DtlsConnector client(PskCredentials credentials, KeepAlive keepAlive, boolean resumption,
                                       ConnectionIdPolicy connectionIds) {
        DtlsConfig config = DtlsConfig.builder().pskStore(storeOf(credentials)).resumption(resumption)
                .connectionIds(connectionIds).build();
        return DtlsConnector.builder().bind(new InetSocketAddress(0)).dtlsConfig(config).acceptHandshakes(false)
                .keepAlive(keepAlive).build();
    }

    private static InMemoryPskStore storeOf(PskCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        return InMemoryPskStore.builder().add(credentials.identity(), credentials.key()).build();
    }
}
