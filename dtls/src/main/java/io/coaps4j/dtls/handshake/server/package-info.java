/** The server's handshake states for the PSK suites; start with {@link io.coaps4j.dtls.handshake.server.ServerHandshake}. */
package io.coaps4j.dtls.handshake.server;
