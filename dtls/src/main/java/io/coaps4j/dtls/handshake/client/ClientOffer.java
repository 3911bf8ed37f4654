package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.handshake.ResumableSession;
import io.coaps4j.dtls.handshake.message.ClientHello;

import java.util.Objects;
import java.util.Optional;

/**
 * What a client has offered: its hello (and message_seq), the keys of the suites it offers, the name it asked for
 * and the cached session whose id the hello carries, if any.
 */
record ClientOffer(ClientHello hello, int helloSeq, ClientKeys keys, Optional<String> serverName,
                   int helloVerifyRequests, Optional<ResumableSession> resuming) {
    ClientOffer {
        Objects.requireNonNull(resuming, "resuming");
        Objects.requireNonNull(hello, "hello");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(serverName, "serverName");
    }
}
