package io.coaps4j.dtls.crypto;

import java.util.Optional;

/**
 * The cipher suites this implementation supports. All use the TLS 1.2 PRF with SHA-256 and an AEAD record
 * protection, so the key block holds no MAC keys (RFC 5246 section 6.3).
 */
public enum CipherSuite {
    /** RFC 6655 section 4; the mandatory PSK suite of RFC 7252 section 9.1.3.1. */
    TLS_PSK_WITH_AES_128_CCM_8(0xC0A8, KeyExchange.PSK, AeadAlgorithm.AES_128_CCM_8),
    /** RFC 7251 section 2; the mandatory certificate/raw public key suite of RFC 7252 section 9.1.3.2. */
    TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8(0xC0AE, KeyExchange.ECDHE_ECDSA, AeadAlgorithm.AES_128_CCM_8);

    /** How a suite establishes the premaster secret and authenticates the peers. */
    public enum KeyExchange { PSK, ECDHE_ECDSA }

    private final int code;
    private final KeyExchange keyExchange;
    private final AeadAlgorithm aead;

    CipherSuite(int code, KeyExchange keyExchange, AeadAlgorithm aead) {
        this.code = code;
        this.keyExchange = keyExchange;
        this.aead = aead;
    }

    /** The two-byte IANA code point. */
    public int code() {
        return code;
    }

    public KeyExchange keyExchange() {
        return keyExchange;
    }

    public AeadAlgorithm aead() {
        return aead;
    }

    /** The suite with the IANA code point {@code code}, or empty when this implementation does not support it. */
    public static Optional<CipherSuite> forCode(int code) {
        for (CipherSuite suite : values()) {
            if (suite.code == code) {
                return Optional.of(suite);
            }
        }
        return Optional.empty();
    }
}
