package io.coaps4j.coap.messaging;

import io.coaps4j.coap.peer.Peer;

/**
 * A message ID in the space of one peer (RFC 7252 section 4.4). Equality includes the whole
 * {@link Peer}, so a secure peer's session and epoch take part in matching, never the address alone.
 */
public record MidKey(Peer peer, int messageId) {
}
