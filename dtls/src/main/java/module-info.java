/**
 * DTLS 1.2 (RFC 6347), sans-IO: the connection and server engines, their configuration, credentials,
 * typed failures, and the types these name (cipher suites, injected randomness, the retransmission
 * policy, the record layer's security association and drop reasons). The handshake message codecs,
 * the handshake states and cookies stay internal; the CoAP binding reaches the handshake message types
 * through a qualified export.
 */
module io.coaps4j.dtls {
    requires org.slf4j;
    // Bouncy Castle's lightweight P-256, used from io.coaps4j.dtls.crypto only (PublicKeyCrypto.bouncyCastle()).
    requires org.bouncycastle.provider;

    exports io.coaps4j.dtls.alert;
    exports io.coaps4j.dtls.config;
    exports io.coaps4j.dtls.credentials;
    exports io.coaps4j.dtls.crypto;
    exports io.coaps4j.dtls.engine;
    exports io.coaps4j.dtls.flight;
    // "record" written with a Unicode escape: the QDox parser that Maven's compiler plugin reads
    // module-info with takes the word for the Java 16 keyword and fails; javac reads the same name.
    exports io.coaps4j.dtls.\u0072ecord;

    exports io.coaps4j.dtls.handshake.message to io.coaps4j.coaps;
}
