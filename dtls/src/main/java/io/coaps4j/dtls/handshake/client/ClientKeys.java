package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.Credentials;
import io.coaps4j.dtls.credentials.PreSharedKeys;
import io.coaps4j.dtls.credentials.PskCredentials;
import io.coaps4j.dtls.crypto.CipherSuite;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client authenticates with towards one server, per security mode it holds credentials for; it
 * offers the configured suites of those modes (RFC 7252 section 9.1.3). Only the PreSharedKey mode is
 * implemented: the RawPublicKey and Certificate modes add their keys here when their handshake comes.
 */
public record ClientKeys(Optional<PskCredentials> psk) {
    /** @param psk the PSK identity and key for this server, if the client holds one */
    public ClientKeys {
        Objects.requireNonNull(psk, "psk");
    }

    /** The PSK identity and key to use. */
    public static ClientKeys psk(PskCredentials credentials) {
        return new ClientKeys(Optional.of(credentials));
    }

    /**
     * The keys {@code config}'s credentials hold for {@code server}, reached by {@code serverName} when it was
     * addressed by name.
     *
     * @throws IllegalArgumentException when no credentials serve that server
     */
    public static ClientKeys resolve(DtlsConfig config, InetSocketAddress server, Optional<String> serverName) {
        Optional<PskCredentials> psk = Optional.empty();
        for (Credentials held : config.credentials()) {
            if (held instanceof PreSharedKeys keys) {
                psk = keys.store().clientCredentials(server, serverName);
            }
        }
        ClientKeys found = new ClientKeys(psk);
        if (config.cipherSuites().stream().noneMatch(found::canOffer)) {
            throw new IllegalArgumentException("no credentials for " + server + serverName.map(name -> " (" + name + ")")
                    .orElse("") + " in " + config.credentials().stream().map(c -> c.mode().rfcName()).toList());
        }
        return found;
    }

    /** Whether these keys can serve {@code suite}. */
    public boolean canOffer(CipherSuite suite) {
        return suite.keyExchange() == CipherSuite.KeyExchange.PSK && psk.isPresent();
    }

    @Override
    public String toString() {
        return "ClientKeys[" + psk.map(PskCredentials::toString).orElse("no PSK") + "]";
    }
}
