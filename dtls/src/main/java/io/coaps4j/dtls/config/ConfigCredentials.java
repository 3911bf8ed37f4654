package io.coaps4j.dtls.config;

import io.coaps4j.dtls.credentials.Credentials;
import io.coaps4j.dtls.credentials.PreSharedKeys;
import io.coaps4j.dtls.credentials.PskStore;
import io.coaps4j.dtls.credentials.SecurityMode;
import io.coaps4j.dtls.crypto.CipherSuite;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The checks of {@link DtlsConfig.Builder#build()} on credentials and the suites they serve. */
final class ConfigCredentials {
    private ConfigCredentials() {
    }

    /** The mandatory suite of each mode held, PSK first (RFC 7252 section 9.1.3); PSK alone when nothing is held. */
    static List<CipherSuite> defaultSuites(List<Credentials> credentials, boolean pskStore) {
        List<CipherSuite> suites = new ArrayList<>(2);
        boolean publicKey = credentials.stream().anyMatch(c -> c.mode().keyExchange() == CipherSuite.KeyExchange.ECDHE_ECDSA);
        if (pskStore || credentials.stream().anyMatch(PreSharedKeys.class::isInstance) || !publicKey) {
            suites.add(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8);
        }
        if (publicKey) {
            suites.add(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8);
        }
        return suites;
    }

    /** The credentials with the PSK conveniences folded in; one per mode, implemented, and one for each suite. */
    static List<Credentials> settle(List<Credentials> credentials, PskStore pskStore, String pskIdentityHint,
                                    List<CipherSuite> cipherSuites) {
        List<Credentials> all = new ArrayList<>(credentials);
        if (pskStore != null) {
            all.add(new PreSharedKeys(pskStore, Optional.ofNullable(pskIdentityHint)));
        } else if (pskIdentityHint != null) {
            throw new IllegalArgumentException("pskIdentityHint needs pskStore; with PreSharedKeys credentials"
                    + " give the hint there");
        }
        Map<SecurityMode, Credentials> byMode = new EnumMap<>(SecurityMode.class);
        for (Credentials held : all) {
            if (byMode.put(held.mode(), held) != null) {
                throw new IllegalArgumentException("credentials hold the " + held.mode().rfcName() + " mode twice"
                        + (pskStore != null && held.mode() == SecurityMode.PRE_SHARED_KEY
                        ? " (pskStore and PreSharedKeys conflict: set one)" : ""));
            }
            if (!held.mode().implemented()) {
                throw new IllegalArgumentException("credentials: the " + held.mode().rfcName() + " mode is not"
                        + " implemented yet (it needs the " + held.mode().keyExchange() + " handshake)");
            }
        }
        for (CipherSuite suite : cipherSuites) {
            boolean held = all.stream().anyMatch(c -> c.mode().keyExchange() == suite.keyExchange());
            if (!held) {
                throw new IllegalArgumentException((suite.keyExchange() == CipherSuite.KeyExchange.PSK
                        ? "pskStore (or PreSharedKeys credentials)" : "credentials for " + suite.keyExchange())
                        + " must be set for the suite " + suite);
            }
        }
        return all;
    }
}
