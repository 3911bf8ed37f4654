/**
 * The sans-IO DTLS 1.2 engine: {@link io.coaps4j.dtls.engine.DtlsConnection} (one peer, client or
 * server side) and {@link io.coaps4j.dtls.engine.DtlsServer} (a socket's dispatcher: cookies,
 * admission, routing, timers). Datagrams and the time go in; datagrams to send,
 * {@link io.coaps4j.dtls.engine.DtlsEvent}s and the next deadline come out. No sockets, threads or
 * clocks; randomness comes from the injected {@link io.coaps4j.dtls.crypto.CryptoContext}.
 *
 * <h2>Decisions where the RFCs leave a choice</h2>
 * <ul>
 *   <li>Unknown PSK identity and wrong key both end with a fatal decrypt_error (RFC 4279 section 2):
 *       an unknown identity continues with a random key. A wrong key shows up as the peer's first
 *       record of the new epoch failing authentication; while that epoch's Finished is awaited this
 *       is taken as the authentication failure it is, not silently dropped.</li>
 *   <li>Protocol violations (a message in the wrong state or epoch) end the handshake with a fatal
 *       alert. Invalid records and malformed fragments are dropped silently (RFC 6347 4.1.2.7).</li>
 *   <li>A ChangeCipherSpec that arrives before its keys exist is dropped, never acted on: loss can
 *       reorder it, and switching keys early is the classic CCS-injection flaw.</li>
 *   <li>Once established, alerts are only believed when protected; a plaintext alert is ignored.</li>
 *   <li>Renegotiation is refused with a no_renegotiation warning both ways. A new epoch-0 hello with
 *       a valid cookie from the address of an existing connection (RFC 6347 4.2.8) replaces that
 *       connection: the cookie exchange has proved the client reachable. A retransmission of the
 *       hello that started the connection is recognised by its random and is not a new handshake.</li>
 *   <li>The server mirrors the message_seq and record sequence number of the ClientHello in its
 *       HelloVerifyRequest and first flight (RFC 6347 4.2.1 and 4.2.2), as OpenSSL does.</li>
 *   <li>Application data of a new epoch that arrives before its Finished is dropped (4.2.4).</li>
 * </ul>
 */
package io.coaps4j.dtls.engine;
