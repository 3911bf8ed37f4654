/**
 * The other end of a conversation. {@link io.coaps4j.coap.peer.Peer} is a value whose equality
 * defines matching in the engine: {@link io.coaps4j.coap.peer.PlainPeer} is an address (NoSec);
 * a secure binding's peer adds session, epoch and principal, so that ACKs, RSTs and responses
 * match only within the same DTLS session and epoch, and handlers see who is asking.
 */
package io.coaps4j.coap.peer;
