/**
 * Handshake messages and hello extensions as immutable values with their wire codecs (RFC 5246
 * section 7.4, RFC 6347 section 4.2, RFC 4279, RFC 5746, RFC 6066, RFC 7627, RFC 4492). Parsers
 * take any bytes and fail only with {@link io.coaps4j.dtls.alert.DecodeException}.
 */
package io.coaps4j.dtls.handshake.message;
