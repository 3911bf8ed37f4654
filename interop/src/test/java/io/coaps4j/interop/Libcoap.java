package io.coaps4j.interop;

import java.nio.file.Path;

/** The libcoap 4.3 peers from Debian's libcoap3-bin, without TLS: coap:// only. */
final class Libcoap {
    static final String CLIENT = "coap-client-notls";
    static final String SERVER = "coap-server-notls";
    private static final String HINT = "apt-get install libcoap3-bin, or run ./scripts/test-all.sh as root";

    private Libcoap() {
    }

    static Path client() {
        return ExternalProgram.require(CLIENT, HINT);
    }

    static Path server() {
        return ExternalProgram.require(SERVER, HINT);
    }
}
