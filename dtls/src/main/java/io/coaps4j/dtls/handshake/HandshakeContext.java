package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.crypto.CryptoContext;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What every handshake state may use besides the messages: the configuration, the event loop's
 * crypto objects (with its injected randomness) and the peer's address.
 */
public record HandshakeContext(DtlsConfig config, CryptoContext crypto, InetSocketAddress peer) {
    public HandshakeContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(crypto, "crypto");
        Objects.requireNonNull(peer, "peer");
    }
}
