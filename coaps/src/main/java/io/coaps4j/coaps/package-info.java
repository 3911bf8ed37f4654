/**
 * The binding of CoAP to DTLS 1.2 ({@code coaps://}, RFC 7252 section 9 as bound by oneM2M TS-0008
 * clause 7): the sans-IO {@link io.coaps4j.coaps.CoapsBinding} joins the DTLS engine's
 * {@link io.coaps4j.dtls.engine.DtlsEndpoint} to a CoAP engine, and {@link io.coaps4j.coaps.DtlsConnector}
 * runs it on an event loop behind the {@link io.coaps4j.coap.endpoint.Connector} seam.
 *
 * <p>Design decisions:
 * <ul>
 *   <li><b>Matching by peer equality.</b> Every decrypted message reaches the CoAP engine with a
 *       {@link io.coaps4j.coaps.SecurePeer} (address, session, epoch, principal) whose equality
 *       includes session and epoch. The engine matches ACK/RST and responses with
 *       {@code Peer.equals}, so nothing matches across sessions or epochs; the connector sends a
 *       message only in the session and epoch of the peer it is addressed to and drops it otherwise
 *       ({@link io.coaps4j.coaps.BindingDropReason#OTHER_SESSION_OR_EPOCH}). The rule lives in the
 *       data model, not in checks scattered through the engine. The binding keeps one peer object
 *       per session, attached to the session's connection handle, so the per-message path allocates
 *       no peer and a send needs no lookup.</li>
 *   <li><b>One session model.</b> The engine's {@code DtlsEndpoint} is the only table of connections,
 *       in both roles on one socket; the binding keeps no second one. One association per address
 *       pair: a new handshake with an address replaces the session there (RFC 6347 section 4.2.8),
 *       and the old session's exchanges fail through {@code peerLost}.</li>
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
 *       RFC 6520 is not offered) and closes those of peers that stay silent. The CoAP engine sends,
 *       retransmits and matches the ping ({@code ConnectorSink.ping}), with a message ID from its own
 *       allocator: the binding never reads or writes CoAP.</li>
 *   <li><b>Slow crypto off the loop.</b> Handshake crypto a state waits for (signatures, their checks, key
 *       agreements) runs on the connector's crypto threads ({@link io.coaps4j.coaps.CoapsConfig#cryptoThreads()})
 *       and resumes on the loop, so it never stalls the other peers; the PSK handshake never offloads.</li>
 *   <li><b>Time.</b> One clock: {@code long} nanoseconds of the event loop's monotonic clock in the
 *       binding, the DTLS engine and the CoAP engine; durations in the configuration are
 *       {@link java.time.Duration}s. Retransmission timers and the keep-alive sweep are driven by one
 *       deadline, so no timer object exists per session.</li>
 *   <li><b>Visible drops.</b> Messages not sent are counted by
 *       {@link io.coaps4j.coaps.BindingDropReason} and logged at WARN at most once a minute per kind.</li>
 *   <li><b>NoSec and PSK at once.</b> A {@code CoapServer} given a plain and a DTLS connector serves
 *       the same resources on one endpoint each.</li>
 * </ul>
 */
package io.coaps4j.coaps;
