package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;

/**
 * The Finished message (RFC 5246 section 7.4.9). Its verify_data is 12 bytes for every suite this
 * library supports. There is deliberately no {@code equals}: Finished values are compared only by
 * the verifier, in constant time.
 */
public final class Finished implements HandshakeMessage {
    public static final int VERIFY_DATA_LENGTH = 12;

    private final byte[] verifyData;

    public Finished(byte[] verifyData) {
        if (verifyData.length != VERIFY_DATA_LENGTH) {
            throw new IllegalArgumentException("verify_data must be 12 bytes, was " + verifyData.length);
        }
        this.verifyData = verifyData.clone();
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.FINISHED;
    }

    public byte[] verifyData() {
        return verifyData.clone();
    }

    @Override
    public void writeBody(WireWriter out) {
        out.bytes(verifyData);
    }

    public static Finished decode(byte[] body) throws DecodeException {
        if (body.length != VERIFY_DATA_LENGTH) {
            throw new DecodeException("Finished must hold 12 bytes of verify_data, has " + body.length);
        }
        return new Finished(body);
    }

    @Override
    public String toString() {
        return "Finished";
    }
}
