package io.coaps4j.cli.client;

import io.coaps4j.cli.psk.PskConnectors;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.coaps.KeepAlive;
import io.coaps4j.dtls.config.ConnectionIdPolicy;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.PskCredentials;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client authenticates with and trusts for one coaps:// request: a pre-shared key, or the keys of the
 * RawPublicKey and Certificate modes ({@link ClientKeyOptions}); never both, so that a failure has one cause.
 */
final class ClientCredentials {
    private final Optional<PskCredentials> psk;
    private final Optional<ClientKeyOptions.Keys> keys;
    private final ConnectionIdPolicy connectionIds;

    private ClientCredentials(Optional<PskCredentials> psk, Optional<ClientKeyOptions.Keys> keys,
                              ConnectionIdPolicy connectionIds) {
        this.psk = psk;
        this.keys = keys;
        this.connectionIds = connectionIds;
    }

    private ClientCredentials(Optional<PskCredentials> psk, Optional<ClientKeyOptions.Keys> keys) {
        this(psk, keys, ConnectionIdPolicy.DEFAULT);
    }

    /** These credentials, the connector using connection IDs as {@code policy} says ({@code --cid-length}). */
    ClientCredentials withConnectionIds(ConnectionIdPolicy policy) {
        return new ClientCredentials(psk, keys, Objects.requireNonNull(policy, "policy"));
    }

    static ClientCredentials of(PskCredentials psk) {
        return new ClientCredentials(Optional.of(Objects.requireNonNull(psk, "psk")), Optional.empty());
    }

    static ClientCredentials of(ClientKeyOptions.Keys keys) {
        return new ClientCredentials(Optional.empty(), Optional.of(Objects.requireNonNull(keys, "keys")));
    }

    /** The pre-shared key, when that is the mode. */
    Optional<PskCredentials> psk() {
        return psk;
    }

    /** The RawPublicKey and Certificate keys, when that is the mode. */
    Optional<ClientKeyOptions.Keys> keys() {
        return keys;
    }

    /**
     * A client's connector (any free port, client role only) with these credentials, its sessions checked by
     * {@code keepAlive} ({@code --heartbeat}).
     */
    DtlsConnector connector(KeepAlive keepAlive) {
        return connector(keepAlive, true);
    }

    /** As {@link #connector(KeepAlive)}; {@code resumption} false: no session is resumed ({@code --no-resumption}). */
    DtlsConnector connector(KeepAlive keepAlive, boolean resumption) {
        if (psk.isPresent()) {
            return connectionIds.equals(ConnectionIdPolicy.DEFAULT) ? PskConnectors.client(psk.get(), keepAlive, resumption)
                    : PskConnectors.client(psk.get(), keepAlive, resumption, connectionIds);
        }
        DtlsConfig.Builder dtls = DtlsConfig.builder().resumption(resumption).connectionIds(connectionIds);
        keys.orElseThrow().rawPublicKey().ifPresent(dtls::credentials);
        keys.orElseThrow().certificate().ifPresent(dtls::credentials);
        return DtlsConnector.builder().bind(new InetSocketAddress(0)).dtlsConfig(dtls.build()).acceptHandshakes(false)
                .keepAlive(keepAlive).build();
    }
}
