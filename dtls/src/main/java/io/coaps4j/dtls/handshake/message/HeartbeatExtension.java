package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;

/**
 * The heartbeat hello extension of RFC 6520 section 2: one byte, the HeartbeatMode, kept as its raw
 * code here; whether the code is a known mode is the negotiation's question (an unknown one is
 * illegal_parameter, not a decode error).
 */
public record HeartbeatExtension(int mode) {
    public HeartbeatExtension {
        if (mode < 0 || mode > 255) {
            throw new IllegalArgumentException("heartbeat mode must be one byte, was " + mode);
        }
    }

    byte[] encode() {
        return new byte[] {(byte) mode};
    }

    static HeartbeatExtension decode(WireReader in) throws DecodeException {
        int mode = in.uint8("heartbeat mode");
        in.expectEnd("heartbeat extension");
        return new HeartbeatExtension(mode);
    }
}
