package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.crypto.CipherSuite;

import java.util.Objects;

/**
 * What the ServerHello settled: the offer it answered, the suite, the server's random and session id, EMS, and
 * whether the server promised a NewSessionTicket (RFC 5077 section 3.2: an empty SessionTicket extension).
 */
record ClientNegotiated(ClientOffer offer, CipherSuite suite, byte[] serverRandom, byte[] sessionId,
                        boolean extendedMasterSecret, boolean ticketExpected) {
    ClientNegotiated {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(suite, "suite");
    }

    ClientNegotiated(ClientOffer offer, CipherSuite suite, byte[] serverRandom, byte[] sessionId,
                     boolean extendedMasterSecret) {
        this(offer, suite, serverRandom, sessionId, extendedMasterSecret, false);
    }

    int nextSendSeq() {
        return offer.helloSeq() + 1;
    }
}
