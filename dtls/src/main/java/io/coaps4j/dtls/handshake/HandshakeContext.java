package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.crypto.CryptoContext;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What every handshake state may use besides the messages: the configuration, the event loop's
 * crypto objects (with its injected randomness), the peer's address, for a server its session cache, and
 * the connection ID this side asks the peer to use (RFC 9146; null: the connection_id extension is left out,
 * empty: a CID for the peer only), which the engine chose so that it is unique among its connections.
 */
public record HandshakeContext(DtlsConfig config, CryptoContext crypto, InetSocketAddress peer, SessionLookup sessions,
                               byte[] connectionId) {
    public HandshakeContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(crypto, "crypto");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(sessions, "sessions");
    }

    /** A context without a connection ID of this side. */
    public HandshakeContext(DtlsConfig config, CryptoContext crypto, InetSocketAddress peer, SessionLookup sessions) {
        this(config, crypto, peer, sessions, null);
    }

    /** A context without a session cache. */
    public HandshakeContext(DtlsConfig config, CryptoContext crypto, InetSocketAddress peer) {
        this(config, crypto, peer, SessionLookup.NONE);
    }
}
