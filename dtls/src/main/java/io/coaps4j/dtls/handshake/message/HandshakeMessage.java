package io.coaps4j.dtls.handshake.message;

/**
 * The body of a handshake message (RFC 5246 section 7.4). Implementations are immutable values;
 * the DTLS header (length, message_seq, fragment range) is added by the layer that sends them.
 */
public interface HandshakeMessage {

    HandshakeType type();

    /** Appends the body's wire form to {@code out}. */
    void writeBody(WireWriter out);

    /** The body's wire form. */
    default byte[] encodeBody() {
        WireWriter out = new WireWriter();
        writeBody(out);
        return out.toByteArray();
    }
}
