/**
 * The sans-IO CoAP engine: message layer plus request/response matching (RFC 7252 sections 4
 * and 5), one {@link io.coaps4j.coap.exchange.CoapEngine} per event loop.
 *
 * <p>Design decisions:
 * <ul>
 *   <li><b>Sans-IO, single-threaded.</b> The engine takes {@code (Peer, bytes or Message, nowNanos)},
 *       client calls and {@code tick(now)}; it emits datagrams and requests to an
 *       {@link io.coaps4j.coap.exchange.EngineOutput}, responses to each request's
 *       {@link io.coaps4j.coap.exchange.ResponseListener}, and reports
 *       {@link io.coaps4j.coap.exchange.CoapEngine#nextDeadline()}. It has no locks, threads or
 *       clock, which is what lets the tests run it on virtual time over a simulated lossy network.
 *       Callbacks run after the state is consistent, so they may re-enter the engine (a handler
 *       answering at once is how a response gets piggybacked).</li>
 *   <li><b>One job per part.</b> {@link io.coaps4j.coap.exchange.CoapEngine} checks its callers'
 *       arguments and wires the parts: {@code InboundDispatcher} classifies each inbound message
 *       (malformed, ping, ACK/RST, duplicate, new request or response) and hands it on;
 *       {@code ServerExchanges} delivers requests and sends piggybacked or separate responses;
 *       {@code ClientExchanges} owns tokens, NSTART queues and each request's single outcome;
 *       {@code Retransmitter} matches ACK/RST by message ID and retransmits CONs; {@code PeerTable}
 *       holds per-peer message-ID counters and NSTART state; {@code Outbound} is where results
 *       leave, and stays silent after shutdown. A {@code Transmission} tells its owning side (client
 *       or server) what became of it, so the message layer never asks what a message carried.</li>
 *   <li><b>Matching by {@code Peer.equals}.</b> ACK/RST by (peer, message ID),
 *       responses by (peer, token); outbound messages go to exactly the Peer object they belong to.
 *       A DTLS binding's peers carry session and epoch, so matching stays inside one epoch.</li>
 *   <li><b>Server side.</b> A new CON or NON request is recorded for deduplication, then handed
 *       out as a {@link io.coaps4j.coap.exchange.ServerExchange}. Answered during delivery: a
 *       piggybacked ACK. Still unanswered after {@code separateResponseAfter}: an empty ACK, then
 *       the response as a CON retransmitted until ACKed and cancelled by an RST. A duplicate CON
 *       gets the stored ACK again; the handler never runs twice. Unknown critical options: 4.02
 *       with a diagnostic for a CON request, RST for a NON. CoAP ping (empty CON) gets an RST.</li>
 *   <li><b>Client side.</b> Random tokens of configurable length, message IDs counting up per peer
 *       from a random start, NSTART outstanding interactions per peer with a FIFO queue (an empty
 *       ACK ends the interaction; a NON request stops counting after ACK_TIMEOUT), retransmission
 *       with a random initial timeout in [ACK_TIMEOUT, ACK_TIMEOUT*ACK_RANDOM_FACTOR] doubled each
 *       time, giving up after MAX_RETRANSMIT (at most MAX_TRANSMIT_WAIT), a per-request timeout,
 *       RST → {@link io.coaps4j.coap.exchange.ExchangeFailure#RESET}. A CON separate response is
 *       ACKed; an unexpected CON response gets an RST, an unexpected NON is ignored.</li>
 *   <li><b>Several responses per exchange.</b>
 *       {@link io.coaps4j.coap.exchange.CoapEngine#requestMultiResponse} keeps a client exchange
 *       registered by its token after the first response until it is cancelled;
 *       {@link io.coaps4j.coap.exchange.CoapEngine#respondAndKeepOpen} lets the server send more than
 *       one response to one request.</li>
 *   <li><b>Observe (RFC 7641).</b> {@link io.coaps4j.coap.exchange.CoapEngine#observe(ServerExchange,
 *       CoapResponse, io.coaps4j.coap.message.MessageType, java.util.function.Consumer, long)} and
 *       {@link io.coaps4j.coap.exchange.CoapEngine#notifyObserver} on the server side (bounded lists of
 *       observers, 24-bit sequence numbers, CON or NON with a CON every 24 hours and every 100th, the latest state
 *       superseding an outstanding CON); {@link io.coaps4j.coap.exchange.CoapEngine#observe(
 *       io.coaps4j.coap.peer.Peer, io.coaps4j.coap.message.Message, long, NotificationListener, long)}
 *       and {@link io.coaps4j.coap.exchange.CoapEngine#cancelObservation} on the client side (the
 *       reordering rule, re-registration after Max-Age, proactive and reactive cancel).</li>
 *   <li><b>A per-message layer stack.</b> {@link io.coaps4j.coap.exchange.MessageLayer}s between the
 *       exchange and message layers transform, absorb or emit requests and responses (block-wise
 *       transfer and end-to-end protection plug in there); empty by default, at the cost of one
 *       length check.</li>
 *   <li><b>Keep-alive and size.</b> {@link io.coaps4j.coap.exchange.CoapEngine#keepAlivePing} is the
 *       binding's dead-peer check, with the engine's own message IDs; a request larger than
 *       {@link io.coaps4j.coap.exchange.EngineConfig#maxMessageSize} is refused where it is sent and
 *       a response that large becomes 5.00.</li>
 *   <li><b>Bounded memory.</b> Deduplication has a cap, per-peer state a cap and idle expiry after
 *       EXCHANGE_LIFETIME, and every client exchange ends by response, failure or timeout; after
 *       EXCHANGE_LIFETIME of quiet the engine holds nothing. A lost peer's client exchanges,
 *       transmissions and per-peer state go at once, its deduplication entries too when
 *       {@link io.coaps4j.coap.exchange.EngineConfig#peersCanBeLost()}.</li>
 *   <li><b>Lean hot path.</b> A piggybacked request/response costs one decode, one map probe and
 *       insert, one encode and no timer operation; no logging, no string formatting.</li>
 * </ul>
 */
package io.coaps4j.coap.exchange;
