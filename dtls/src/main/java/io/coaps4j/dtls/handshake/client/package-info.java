/** The client's handshake states (PSK and ECDHE_ECDSA; the key exchange the ServerHello picks selects them); start with {@link io.coaps4j.dtls.handshake.client.ClientHandshake}. */
package io.coaps4j.dtls.handshake.client;
