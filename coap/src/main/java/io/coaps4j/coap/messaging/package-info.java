/**
 * The building blocks of the CoAP message layer (RFC 7252 section 4), free of I/O.
 *
 * <ul>
 *   <li>{@link io.coaps4j.coap.messaging.TransmissionParameters}: the one record of ACK_TIMEOUT,
 *       ACK_RANDOM_FACTOR, MAX_RETRANSMIT, NSTART and MAX_LATENCY, deriving MAX_TRANSMIT_SPAN,
 *       MAX_TRANSMIT_WAIT, MAX_RTT, EXCHANGE_LIFETIME and NON_LIFETIME (section 4.8.2). Nothing
 *       else in the stack hard-codes a protocol time.</li>
 *   <li>{@link io.coaps4j.coap.messaging.DeduplicationCache}: received message IDs per peer for
 *       EXCHANGE_LIFETIME (CON) or NON_LIFETIME (NON), with the reply to resend for a duplicate CON
 *       (section 4.5). Expiry pops FIFO rings (entries of one kind live equally long, so arrival
 *       order is expiry order): no scan, no timer per entry. A hard cap drops the oldest entries
 *       first, so memory stays bounded under any load. When peers can be lost, each peer's entries
 *       are chained so that a lost peer's are forgotten at once.</li>
 *   <li>{@link io.coaps4j.coap.messaging.TimerQueue}: an indexed min-heap of timers on virtual
 *       time; cancelling an acknowledged CON's retransmission costs O(log n) and leaves nothing behind.</li>
 *   <li>{@link io.coaps4j.coap.messaging.MidKey}: a message ID scoped by the whole
 *       {@link io.coaps4j.coap.peer.Peer}, never by the address alone, so a secure peer's session
 *       and epoch take part in every match.</li>
 * </ul>
 * The set of recognised options (section 5.4.1) is the codec's
 * {@link io.coaps4j.coap.message.OptionRegistry}, configured once in
 * {@link io.coaps4j.coap.exchange.EngineConfig#recognizedOptions()}.
 */
package io.coaps4j.coap.messaging;
