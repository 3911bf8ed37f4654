/**
 * Block-wise transfer (RFC 7959) and Request-Tag (RFC 9175 section 3) as one
 * {@link io.coaps4j.coap.exchange.MessageLayer}: {@link io.coaps4j.coap.blockwise.BlockwiseLayer},
 * configured by {@link io.coaps4j.coap.blockwise.BlockwiseConfig}.
 *
 * <ul>
 *   <li><b>Transparent.</b> Clients send and receive whole bodies, resources see whole request bodies
 *       and return whole response bodies; a body that does not fit the configured message size (1,152
 *       bytes by default, RFC 7252 section 4.6) goes block-wise on its own.</li>
 *   <li><b>Block size.</b> The smaller of both sides' SZX; a client's early Block2 with a smaller SZX
 *       is honoured, and a server's smaller Block1 SZX in a 2.31 or 4.13 is followed.</li>
 *   <li><b>Bounded server state.</b> Request bodies reassembled and response bodies kept for their
 *       next blocks are bounded per body ({@code maxBodySize}: 4.13 with Size1 beyond it), in number
 *       ({@code maxTransfers}) and in bytes ({@code maxBufferedBytes}) over all peers; when full the
 *       least recently continued transfer is evicted (its next block gets 4.08), and a transfer not
 *       continued within {@code transferLifetime} is forgotten. A block out of sequence gets 4.08,
 *       Block1 SZX 7 (BERT) 4.00.</li>
 *   <li><b>Request-Tag.</b> Each request body the client sends in blocks carries a Request-Tag of its
 *       own; the server keys reassembly by peer, method, target and Request-Tag, so concurrent bodies
 *       from one client to one resource stay apart.</li>
 * </ul>
 */
package io.coaps4j.coap.blockwise;
