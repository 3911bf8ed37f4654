package io.coaps4j.cli;

import io.coaps4j.dtls.credentials.SecurityMode;

/**
 * The one switch of the command line for the RawPublicKey and Certificate modes: whether this build's DTLS
 * handshake implements their ECDHE_ECDSA suite. Until it does, the library's configuration refuses their
 * credentials; then the server serves the pre-shared key alone and a client given keys says so in one line.
 * Remove with its callers once every build has the handshake.
 */
public final class EcdheModes {
    private EcdheModes() {
    }

    /** Whether the RawPublicKey and Certificate modes can be configured. */
    public static boolean available() {
        return SecurityMode.RAW_PUBLIC_KEY.implemented() && SecurityMode.CERTIFICATE.implemented();
    }
}
