package io.coaps4j.dtls.handshake.server;

import io.coaps4j.dtls.crypto.KeyAgreement;

import java.util.Objects;

/** What an ECDHE_ECDSA server has settled once flight 4 is out: the hello's terms, the types, its ephemeral key. */
record ServerEcdhe(ServerNegotiated negotiated, EcdheChoice choice, KeyAgreement ephemeral) {
    ServerEcdhe {
        Objects.requireNonNull(negotiated, "negotiated");
        Objects.requireNonNull(choice, "choice");
        Objects.requireNonNull(ephemeral, "ephemeral");
    }
}
