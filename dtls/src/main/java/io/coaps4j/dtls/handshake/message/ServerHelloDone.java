package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;

/** The ServerHelloDone (RFC 5246 section 7.4.5): an empty body that ends the server's flight. */
public final class ServerHelloDone implements HandshakeMessage {
    public static final ServerHelloDone INSTANCE = new ServerHelloDone();

    private ServerHelloDone() {
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_HELLO_DONE;
    }

    @Override
    public void writeBody(WireWriter out) {
        // The body is empty.
    }

    public static ServerHelloDone decode(byte[] body) throws DecodeException {
        if (body.length != 0) {
            throw new DecodeException("ServerHelloDone must be empty, has " + body.length + " bytes");
        }
        return INSTANCE;
    }

    @Override
    public String toString() {
        return "ServerHelloDone";
    }
}
