package io.coaps4j.interop;

import java.nio.file.Path;

/**
 * The libcoap 4.3 peers from Debian's libcoap3-bin: without TLS (coap:// only), and built on
 * OpenSSL or GnuTLS for coaps://.
 */
final class Libcoap {
    static final String CLIENT = "coap-client-notls";
    static final String SERVER = "coap-server-notls";
    static final String OPENSSL_CLIENT = "coap-client-openssl";
    static final String OPENSSL_SERVER = "coap-server-openssl";
    static final String GNUTLS_CLIENT = "coap-client-gnutls";
    private static final String HINT = "apt-get install libcoap3-bin, or run ./scripts/test-all.sh as root";

    private Libcoap() {
    }

    static Path client() {
        return ExternalProgram.require(CLIENT, HINT);
    }

    static Path server() {
        return ExternalProgram.require(SERVER, HINT);
    }

    /** The coaps-capable client built on OpenSSL. */
    static Path opensslClient() {
        return ExternalProgram.require(OPENSSL_CLIENT, HINT);
    }

    /** The coaps-capable server built on OpenSSL. */
    static Path opensslServer() {
        return ExternalProgram.require(OPENSSL_SERVER, HINT);
    }

    /** The coaps-capable client built on GnuTLS. */
    static Path gnutlsClient() {
        return ExternalProgram.require(GNUTLS_CLIENT, HINT);
    }
}
