package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.crypto.CipherSuite;

import java.util.Objects;

/** What the ServerHello settled: the offer it answered, the suite, the server's random and session id, EMS. */
record ClientNegotiated(ClientOffer offer, CipherSuite suite, byte[] serverRandom, byte[] sessionId,
                        boolean extendedMasterSecret) {
    ClientNegotiated {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(suite, "suite");
    }

    int nextSendSeq() {
        return offer.helloSeq() + 1;
    }
}
