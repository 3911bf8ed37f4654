/**
 * The CoRE Link Format, {@code application/link-format} (RFC 6690): {@link io.coaps4j.coap.linkformat.Link}
 * values, {@link io.coaps4j.coap.linkformat.LinkFormat} to write and read them, and
 * {@link io.coaps4j.coap.linkformat.LinkFilter} for the query filtering of {@code /.well-known/core}.
 */
package io.coaps4j.coap.linkformat;
