/**
 * The sans-IO DTLS 1.2 engine: {@link io.coaps4j.dtls.engine.DtlsConnection} (one peer, client or
 * server side, and the handle the application keeps for it), {@link io.coaps4j.dtls.engine.DtlsServer}
 * (the server role of a socket: cookies, admission, routing, timers) and
 * {@link io.coaps4j.dtls.engine.DtlsEndpoint} (both roles of a socket, the one table of its connections). Datagrams and the time go in; datagrams to send,
 * {@link io.coaps4j.dtls.engine.DtlsEvent}s and the next deadline come out. Time is {@code long}
 * nanoseconds of the caller's monotonic clock (as {@code System.nanoTime}); durations in the
 * configuration are {@link java.time.Duration}s. No sockets, threads or clocks; randomness comes from the injected {@link io.coaps4j.dtls.crypto.CryptoContext}.
 *
 * <h2>Decisions where the RFCs leave a choice</h2>
 * <ul>
 *   <li>Unknown PSK identity and wrong key both end with a fatal decrypt_error (RFC 4279 section 2):
 *       an unknown identity continues with a random key. A wrong key shows up as the peer's records of
 *       the new epoch failing authentication. Such a record is dropped silently like any invalid record
 *       (RFC 6347 4.1.2.7), since anyone can forge one: it never ends a handshake by itself. It is noted,
 *       and when the retransmission timer fires while the peer's Finished is still awaited, with records
 *       of the new epoch that failed since our last flight and none that authenticated, the handshake
 *       ends with decrypt_error instead of retransmitting. A wrong key thus fails within one timeout,
 *       and a forged record cannot abort a handshake whose genuine Finished arrives before the timer
 *       (a forged record and the loss of the genuine Finished together can).</li>
 *   <li>Protocol violations (a message in the wrong state or epoch) end the handshake with a fatal
 *       alert. Invalid records and malformed fragments are dropped silently (RFC 6347 4.1.2.7).</li>
 *   <li>A ChangeCipherSpec that arrives before its keys exist is dropped, never acted on: loss can
 *       reorder it, and switching keys early is the classic CCS-injection flaw. One that arrives while the
 *       state waits for an offloaded crypto job is held and applied only once the state is due for it.</li>
 *   <li>Once established, alerts are only believed when protected; a plaintext alert is ignored.</li>
 *   <li>Renegotiation is refused with a no_renegotiation warning both ways.</li>
 *   <li>A new epoch-0 hello with a valid cookie from the address of an existing connection (RFC 6347
 *       4.2.8): a connection still in its handshake is replaced at once, the cookie exchange having
 *       proved the client reachable. An established session is replaced only when the new handshake
 *       delivers a verified Finished (the stricter of the RFC's two options); until then it keeps
 *       working, its records being offered to it first, and the new handshake reports no events, so
 *       one that fails leaves the session untouched and unmentioned. A record the session refused and
 *       the new handshake cannot authenticate is dropped, never fatal (it may be a replay of the
 *       session's traffic): a replacement handshake with a wrong key therefore ends by timeout rather
 *       than decrypt_error. A retransmission of the hello that started a handshake is recognised by its
 *       random while the handshake state is kept and is not a new handshake.</li>
 *   <li>{@code maxConnections} bounds established sessions; handshakes are bounded apart by
 *       {@code maxConcurrentHandshakes}. A handshake that completes beyond the bound closes the least
 *       recently active session (close_notify, {@link io.coaps4j.dtls.engine.DtlsEvent.CloseReason#EVICTED}):
 *       admission never evicts, so a client must prove it holds a key before it displaces anybody.</li>
 *   <li>Half-open handshakes are bounded in total and per source IP address; a handshake whose client
 *       never answered the server's first flight ends after {@code stalledHandshakeTimeout}, and when all
 *       places are taken a new cookie-proven client displaces the oldest such handshake that has waited
 *       longer than the first retransmission timeout. Refusals, displacements and evictions are logged at
 *       WARN at most once a minute per kind.</li>
 *   <li>Sessions are kept up as long as possible (oneM2M TS-0008): the idle timeout is 24 hours by
 *       default. Activity is a protected record that authenticates, or data this side sends; forged or
 *       replayed records do not keep a session alive. Sessions are ordered by activity, so the idle
 *       deadline is the oldest session's and nothing is scanned.</li>
 *   <li>The server's last flight is kept for the client's retransmissions (RFC 6347 4.2.4) until the
 *       client's first application data or the retention timeout; then every handshake object is
 *       dropped. An idle PSK session costs the server about 570 bytes of heap, its address included.</li>
 *   <li>The server mirrors the message_seq and record sequence number of the ClientHello in its
 *       HelloVerifyRequest and first flight (RFC 6347 4.2.1 and 4.2.2), as OpenSSL does.</li>
 *   <li>Application data of a new epoch that arrives before its Finished is dropped (4.2.4).</li>
 *   <li>Heartbeats (RFC 6520) are offered and answered by default with peer_allowed_to_send: an answer
 *       is one record no larger than the request, in an authenticated session. They flow only in the
 *       session's epoch after the handshake; a payload_length that leaves less than 16 bytes of padding
 *       in its record, or anything from a peer not allowed to send, is dropped silently without the
 *       optional unexpected_message alert. An unanswered request is retransmitted on the flight timer
 *       and the session closed after {@code heartbeatRetransmissions}.</li>
 * </ul>
 */
package io.coaps4j.dtls.engine;
