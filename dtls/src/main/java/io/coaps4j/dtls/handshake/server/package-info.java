/** The server's handshake states; the suite chosen from the ClientHello picks the {@code ServerMode} (PSK, or ECDHE_ECDSA for the RawPublicKey and Certificate modes); start with {@link io.coaps4j.dtls.handshake.server.ServerHandshake}. */
package io.coaps4j.dtls.handshake.server;
