package io.coaps4j.coap.exchange;

import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.peer.Peer;

/** A token in the space of one peer: responses match requests by both (RFC 7252 section 5.3.2). */
record TokenKey(Peer peer, Token token) {
}
