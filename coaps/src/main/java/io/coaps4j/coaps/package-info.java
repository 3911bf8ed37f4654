/**
 * The binding of CoAP to DTLS 1.2 ({@code coaps://}, RFC 7252 section 9 as bound by oneM2M TS-0008
 * clause 7): {@link io.coaps4j.coaps.DtlsConnector} plugs the sans-IO DTLS engine into a CoAP
 * endpoint through the {@link io.coaps4j.coap.endpoint.Connector} seam.
 *
 * <p>Design decisions:
 * <ul>
 *   <li><b>Matching by peer equality.</b> Every decrypted message reaches the CoAP engine with a
 *       {@link io.coaps4j.coaps.SecurePeer} (address, session, epoch, principal) whose equality
 *       includes session and epoch. The engine matches ACK/RST and responses with
 *       {@code Peer.equals}, so nothing matches across sessions or epochs; the connector sends a
 *       message only in the session and epoch of the peer it is addressed to and drops it otherwise
 *       ({@link io.coaps4j.coaps.BindingDropReason#OTHER_SESSION_OR_EPOCH}). The rule lives in the
 *       data model, not in checks scattered through the engine. The connector keeps one peer object
 *       per session, so the per-message path allocates no peer.</li>
 *   <li><b>Both roles on one socket.</b> A {@code DtlsServer} and the client-role connections share
 *       the UDP channel; a datagram from an address with a client connection goes to it, anything
 *       else and every ClientHello to the server. One association per address pair: a new handshake
 *       with an address replaces the session there (RFC 6347 section 4.2.8), and the old session's
 *       exchanges fail through {@code peerLost}.</li>
 *   <li><b>Role independence.</b> {@code resolve} reuses any established session with the address,
 *       whichever side started it, and a request arriving in a session this node opened as DTLS
 *       client is served like any other (TS-0008 clause 7 editor's note: a constrained node may be
 *       CoAP server while only ever DTLS client).</li>
 *   <li><b>Requests wait for the handshake</b> (RFC 7252 section 9.1.7): {@code resolve} completes
 *       once the session exists; concurrent resolves share one handshake; a failed handshake fails
 *       them with a {@link io.coaps4j.coaps.DtlsHandshakeException} saying why (the alert, or
 *       silence).</li>
 *   <li><b>Connection management</b> (TS-0008 clause 7): sessions stay up until a side closes them;
 *       the server's table is bounded by {@code DtlsConfig.maxConnections}, the client side by
 *       {@link io.coaps4j.coaps.CoapsConfig#maxClientSessions()} (least recently used closed first);
 *       closing the connector sends close_notify in every session. The optional
 *       {@link io.coaps4j.coaps.KeepAlive} pings idle sessions with CoAP ping (the DTLS heartbeat of
 *       RFC 6520 is not offered) and closes those of peers that stay silent. Its ping uses a message ID half
 *       the ID space away from the last CON the engine sent in that session, so its RST cannot be
 *       taken for the answer to one of the engine's messages.</li>
 *   <li><b>Time.</b> The DTLS engine runs on milliseconds since the connector started; its
 *       retransmission timers and the keep-alive sweep are driven by the event loop's deadline
 *       mechanism, so no timer object exists per session.</li>
 *   <li><b>NoSec and PSK at once.</b> A {@code CoapServer} given a plain and a DTLS connector serves
 *       the same resources on one endpoint each.</li>
 * </ul>
 */
package io.coaps4j.coaps;
