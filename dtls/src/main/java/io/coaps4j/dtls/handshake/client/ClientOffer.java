package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.credentials.PskCredentials;
import io.coaps4j.dtls.handshake.message.ClientHello;

import java.util.Objects;
import java.util.Optional;

/** What a client has offered: its hello (and message_seq), its credentials and the name it asked for. */
record ClientOffer(ClientHello hello, int helloSeq, PskCredentials credentials, Optional<String> serverName,
                   int helloVerifyRequests) {
    ClientOffer {
        Objects.requireNonNull(hello, "hello");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(serverName, "serverName");
    }
}
