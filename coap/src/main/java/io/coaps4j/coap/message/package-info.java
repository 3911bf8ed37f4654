/**
 * CoAP messages as immutable values and their wire format (RFC 7252 sections 3 to 5).
 *
 * <ul>
 *   <li>{@link io.coaps4j.coap.message.MessageCodec}: datagram bytes to {@link io.coaps4j.coap.message.Message}
 *       and back; malformed input raises {@link io.coaps4j.coap.message.MessageFormatException}.</li>
 *   <li>{@link io.coaps4j.coap.message.OptionRegistry}: which options are recognized, and the
 *       section 5.4 checks (unrecognized critical options, lengths, repetitions).</li>
 *   <li>{@link io.coaps4j.coap.message.OptionsBuilder} and {@link io.coaps4j.coap.message.Message#builder()}:
 *       typed, validated construction of outgoing messages.</li>
 *   <li>{@link io.coaps4j.coap.message.Code}, {@link io.coaps4j.coap.message.ContentFormat}: the code
 *       and Content-Format registries.</li>
 * </ul>
 */
package io.coaps4j.coap.message;
