package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.record.ProtocolVersion;
import io.coaps4j.dtls.alert.DecodeException;

import java.util.Arrays;
import java.util.Objects;

/** The ServerHello (RFC 5246 section 7.4.1.3). */
public final class ServerHello implements HandshakeMessage {
    private final ProtocolVersion serverVersion;
    private final byte[] random;
    private final byte[] sessionId;
    private final int cipherSuite;
    private final int compressionMethod;
    private final Extensions extensions;

    public ServerHello(ProtocolVersion serverVersion, byte[] random, byte[] sessionId, int cipherSuite,
                       int compressionMethod, Extensions extensions) {
        if (random.length != ClientHello.RANDOM_LENGTH) {
            throw new IllegalArgumentException("random must be 32 bytes, was " + random.length);
        }
        if (sessionId.length > ClientHello.MAX_SESSION_ID_LENGTH) {
            throw new IllegalArgumentException("session_id must be at most 32 bytes, was " + sessionId.length);
        }
        if (cipherSuite < 0 || cipherSuite > 0xFFFF) {
            throw new IllegalArgumentException("cipher_suite must be 16 bits, was " + cipherSuite);
        }
        if (compressionMethod < 0 || compressionMethod > 255) {
            throw new IllegalArgumentException("compression_method must be 8 bits, was " + compressionMethod);
        }
        this.serverVersion = Objects.requireNonNull(serverVersion, "serverVersion");
        this.random = random.clone();
        this.sessionId = sessionId.clone();
        this.cipherSuite = cipherSuite;
        this.compressionMethod = compressionMethod;
        this.extensions = Objects.requireNonNull(extensions, "extensions");
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_HELLO;
    }

    public ProtocolVersion serverVersion() {
        return serverVersion;
    }

    public byte[] random() {
        return random.clone();
    }

    public byte[] sessionId() {
        return sessionId.clone();
    }

    public int cipherSuite() {
        return cipherSuite;
    }

    public int compressionMethod() {
        return compressionMethod;
    }

    public Extensions extensions() {
        return extensions;
    }

    @Override
    public void writeBody(WireWriter out) {
        out.version(serverVersion).bytes(random).vector8(sessionId).uint16(cipherSuite).uint8(compressionMethod);
        extensions.writeTo(out);
    }

    public static ServerHello decode(byte[] body) throws DecodeException {
        WireReader in = new WireReader(body);
        ProtocolVersion version = in.version("server_version");
        byte[] random = in.bytes(ClientHello.RANDOM_LENGTH, "random");
        byte[] sessionId = in.vector8(0, ClientHello.MAX_SESSION_ID_LENGTH, "session_id");
        int suite = in.uint16("cipher_suite");
        int compression = in.uint8("compression_method");
        Extensions extensions = Extensions.readOptional(in);
        return new ServerHello(version, random, sessionId, suite, compression, extensions);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerHello that
                && serverVersion.equals(that.serverVersion)
                && Arrays.equals(random, that.random)
                && Arrays.equals(sessionId, that.sessionId)
                && cipherSuite == that.cipherSuite
                && compressionMethod == that.compressionMethod
                && extensions.equals(that.extensions);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(random);
    }

    @Override
    public String toString() {
        return String.format("ServerHello(%s, suite 0x%04X, %s)", serverVersion,
                cipherSuite, extensions);
    }
}
