package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.crypto.CryptoContext;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What every handshake state may use besides the messages: the configuration, the event loop's
 * crypto objects (with its injected randomness), the peer's address and, for a server, its session cache.
 */
public record HandshakeContext(DtlsConfig config, CryptoContext crypto, InetSocketAddress peer, SessionLookup sessions) {
    public HandshakeContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(crypto, "crypto");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(sessions, "sessions");
    }

    /** A context without a session cache. */
    public HandshakeContext(DtlsConfig config, CryptoContext crypto, InetSocketAddress peer) {
        this(config, crypto, peer, SessionLookup.NONE);
    }
}
