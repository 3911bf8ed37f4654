package io.coaps4j.coap.peer;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Optional;

/**
 * The other end of a CoAP conversation: its address plus the security context the message
 * travelled in. The message layer matches an ACK/RST to a CON, and a response to a request,
 * only when their peers are equal; a secured transport puts its session and epoch into
 * equality, which confines matching to one DTLS session and epoch (oneM2M TS-0008 clause 7).
 * Implementations are immutable values with {@code equals} and {@code hashCode}.
 */
public interface Peer {

    /** The transport address of the other end. */
    InetSocketAddress address();

    /** Who the other end proved to be; empty in the NoSec mode. */
    Optional<Principal> principal();

    /** True when messages to and from this peer are protected by a security layer. */
    boolean secure();
}
