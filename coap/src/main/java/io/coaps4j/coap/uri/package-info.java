/**
 * {@code coap://} and {@code coaps://} URIs (RFC 7252 section 6): parsing, decomposition into the
 * Uri-Host, Uri-Port, Uri-Path and Uri-Query options, and composition back into the normal form.
 */
package io.coaps4j.coap.uri;
