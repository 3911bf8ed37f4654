package io.coaps4j.dtls.credentials;

import io.coaps4j.dtls.crypto.CipherSuite;

/**
 * The DTLS security modes of RFC 7252 section 9: what kind of credentials authenticate the peers,
 * and the key exchange of the cipher suites that use them.
 */
public enum SecurityMode {
    /** PreSharedKey (RFC 7252 section 9.1.3.1): TLS_PSK_WITH_AES_128_CCM_8. */
    PRE_SHARED_KEY("PreSharedKey", CipherSuite.KeyExchange.PSK, true),
    /** RawPublicKey (RFC 7252 section 9.1.3.2, RFC 7250): TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8. */
    RAW_PUBLIC_KEY("RawPublicKey", CipherSuite.KeyExchange.ECDHE_ECDSA, true),
    /** Certificate (RFC 7252 section 9.1.3.3): TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 with X.509 chains. */
    CERTIFICATE("Certificate", CipherSuite.KeyExchange.ECDHE_ECDSA, true);

    private final String rfcName;
    private final CipherSuite.KeyExchange keyExchange;
    private final boolean implemented;

    SecurityMode(String rfcName, CipherSuite.KeyExchange keyExchange, boolean implemented) {
        this.rfcName = rfcName;
        this.keyExchange = keyExchange;
        this.implemented = implemented;
    }

    /** The mode's name in RFC 7252 section 9, e.g. "RawPublicKey". */
    public String rfcName() {
        return rfcName;
    }

    /** The key exchange of the suites this mode authenticates. */
    public CipherSuite.KeyExchange keyExchange() {
        return keyExchange;
    }

    /** Whether this version's handshake implements the mode; configuring one that is not fails in {@code build()}. */
    public boolean implemented() {
        return implemented;
    }
}
