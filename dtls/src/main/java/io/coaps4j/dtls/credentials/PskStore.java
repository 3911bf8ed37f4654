package io.coaps4j.dtls.credentials;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where a DTLS endpoint finds its pre-shared keys (RFC 7252 section 9.1.3.1). Implementations must
 * be safe to call from the event loops that run handshakes and must not block (no DNS, no I/O).
 * {@link InMemoryPskStore} is the immutable standard implementation.
 */
public interface PskStore {

    /**
     * The identity and key a client uses to reach {@code server}, known as {@code serverName} when it
     * was reached by name; empty when it has no key for that node.
     */
    Optional<PskCredentials> clientCredentials(InetSocketAddress server, Optional<String> serverName);

    /**
     * The key of {@code identity} for a handshake with {@code client} that asked for
     * {@code serverName} (RFC 6066 server_name); empty when the identity is unknown or not allowed
     * for that client or name.
     */
    Optional<PreSharedKey> serverKey(PskIdentity identity, Optional<String> serverName, InetSocketAddress client);

    /**
     * {@link #serverKey} with the identity as the store holds it. A server keeps the identity of every
     * session it establishes; a store that returns its own instance lets all sessions of an identity
     * share it instead of each keeping the copy that came from the wire.
     */
    default Optional<PskCredentials> serverCredentials(PskIdentity identity, Optional<String> serverName,
                                                       InetSocketAddress client) {
        return serverKey(identity, serverName, client).map(key -> new PskCredentials(identity, key));
    }

    /** True when some key is scoped to {@code serverName}: the server then acknowledges the name (RFC 6066 section 3). */
    boolean servesName(String serverName);
}
