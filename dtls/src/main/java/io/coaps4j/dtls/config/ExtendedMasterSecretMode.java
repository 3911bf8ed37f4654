package io.coaps4j.dtls.config;

/** How an endpoint treats the extended master secret of RFC 7627. */
public enum ExtendedMasterSecretMode {
    /**
     * INSECURE, for legacy peers and tests only: neither offered nor accepted, so the master secret
     * is not bound to the handshake (RFC 7627 section 1).
     */
    DISABLED,
    /** Offered by a client and granted by a server whenever the peer supports it (the default). */
    ENABLED,
    /** As ENABLED, and a peer without it is refused with handshake_failure (RFC 7627 sections 5.2, 5.3). */
    REQUIRED
}
