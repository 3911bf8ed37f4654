/**
 * Pre-shared keys (RFC 4279, RFC 7252 section 9.1.3.1): identities, keys that never print, the
 * store that picks a key by peer, server name or identity, and the principal a PSK handshake proves.
 */
package io.coaps4j.dtls.credentials;
