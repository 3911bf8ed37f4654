/** The client's handshake states for the PSK suites; start with {@link io.coaps4j.dtls.handshake.client.ClientHandshake}. */
package io.coaps4j.dtls.handshake.client;
