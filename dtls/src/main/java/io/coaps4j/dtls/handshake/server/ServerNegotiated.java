package io.coaps4j.dtls.handshake.server;

import io.coaps4j.dtls.credentials.SecurityMode;
import io.coaps4j.dtls.crypto.CipherSuite;

import java.util.Objects;
import java.util.Optional;

/**
 * What the server settled in its ServerHello: suite, both randoms, session id, extended master
 * secret, the name the client asked for, the security mode, the message_seq of its next message, and whether it
 * promised a session ticket (RFC 5077 section 3.2: an empty SessionTicket extension in the ServerHello).
 */
record ServerNegotiated(CipherSuite suite, byte[] clientRandom, byte[] serverRandom, byte[] sessionId,
                        boolean extendedMasterSecret, Optional<String> serverName, SecurityMode mode, int nextSendSeq,
                        boolean issueTicket) {
    ServerNegotiated {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(serverName, "serverName");
    }

    /** The same terms with the message_seq of the server's next message after its flight. */
    ServerNegotiated withNextSendSeq(int seq) {
        return new ServerNegotiated(suite, clientRandom, serverRandom, sessionId, extendedMasterSecret, serverName, mode, seq,
                issueTicket);
    }
}
