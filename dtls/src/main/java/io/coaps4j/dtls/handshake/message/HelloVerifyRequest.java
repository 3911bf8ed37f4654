package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.record.ProtocolVersion;
import io.coaps4j.dtls.alert.DecodeException;

import java.util.Arrays;
import java.util.Objects;

/** The HelloVerifyRequest (RFC 6347 section 4.2.1): the server's version and a stateless cookie. */
public final class HelloVerifyRequest implements HandshakeMessage {
    private final ProtocolVersion serverVersion;
    private final byte[] cookie;

    public HelloVerifyRequest(ProtocolVersion serverVersion, byte[] cookie) {
        if (cookie.length > ClientHello.MAX_COOKIE_LENGTH) {
            throw new IllegalArgumentException("cookie must be at most 255 bytes, was " + cookie.length);
        }
        this.serverVersion = Objects.requireNonNull(serverVersion, "serverVersion");
        this.cookie = cookie.clone();
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.HELLO_VERIFY_REQUEST;
    }

    public ProtocolVersion serverVersion() {
        return serverVersion;
    }

    public byte[] cookie() {
        return cookie.clone();
    }

    @Override
    public void writeBody(WireWriter out) {
        out.version(serverVersion).vector8(cookie);
    }

    public static HelloVerifyRequest decode(byte[] body) throws DecodeException {
        WireReader in = new WireReader(body);
        ProtocolVersion version = in.version("server_version");
        byte[] cookie = in.vector8(0, ClientHello.MAX_COOKIE_LENGTH, "cookie");
        in.expectEnd("HelloVerifyRequest");
        return new HelloVerifyRequest(version, cookie);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HelloVerifyRequest that
                && serverVersion.equals(that.serverVersion) && Arrays.equals(cookie, that.cookie);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cookie);
    }

    @Override
    public String toString() {
        return "HelloVerifyRequest(" + serverVersion + ", cookie " + cookie.length + " bytes)";
    }
}
