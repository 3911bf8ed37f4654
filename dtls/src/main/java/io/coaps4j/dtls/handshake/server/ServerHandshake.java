package io.coaps4j.dtls.handshake.server;

import io.coaps4j.dtls.handshake.HandshakeState;

/**
 * Starts a server handshake. The connection exists only because its first ClientHello carried a
 * valid cookie; the handshake begins by reading that hello.
 */
public final class ServerHandshake {
    private ServerHandshake() {
    }

    /**
     * The first state, for a handshake whose ClientHello has {@code helloSeq}: the server answers with
     * the same message_seq (RFC 6347 section 4.2.2, as in its example exchange).
     */
    public static HandshakeState start(int helloSeq) {
        return new ServerAwaitingClientHello(helloSeq);
    }
}
