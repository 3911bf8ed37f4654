package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.record.ProtocolVersion;
import io.coaps4j.dtls.alert.DecodeException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The ClientHello (RFC 5246 section 7.4.1.2 with the DTLS cookie of RFC 6347 section 4.2.1).
 * Cipher suites are raw code points: a client may offer suites this library does not know.
 */
public final class ClientHello implements HandshakeMessage {
    /** The compression method "null", the only one allowed by RFC 7925 section 16. */
    public static final int COMPRESSION_NULL = 0;
    public static final int RANDOM_LENGTH = 32;
    public static final int MAX_SESSION_ID_LENGTH = 32;
    public static final int MAX_COOKIE_LENGTH = 255;

    private final ProtocolVersion clientVersion;
    private final byte[] random;
    private final byte[] sessionId;
    private final byte[] cookie;
    private final List<Integer> cipherSuites;
    private final byte[] compressionMethods;
    private final Extensions extensions;

    public ClientHello(ProtocolVersion clientVersion, byte[] random, byte[] sessionId, byte[] cookie,
                       List<Integer> cipherSuites, byte[] compressionMethods, Extensions extensions) {
        if (random.length != RANDOM_LENGTH) {
            throw new IllegalArgumentException("random must be 32 bytes, was " + random.length);
        }
        if (sessionId.length > MAX_SESSION_ID_LENGTH) {
            throw new IllegalArgumentException("session_id must be at most 32 bytes, was " + sessionId.length);
        }
        if (cookie.length > MAX_COOKIE_LENGTH) {
            throw new IllegalArgumentException("cookie must be at most 255 bytes, was " + cookie.length);
        }
        if (cipherSuites.isEmpty() || cipherSuites.size() > 0x7FFF) {
            throw new IllegalArgumentException("cipher_suites must hold 1..32767 suites, was " + cipherSuites.size());
        }
        for (int suite : cipherSuites) {
            if (suite < 0 || suite > 0xFFFF) {
                throw new IllegalArgumentException("cipher suite must be 16 bits, was " + suite);
            }
        }
        if (compressionMethods.length < 1 || compressionMethods.length > 255) {
            throw new IllegalArgumentException("compression_methods must hold 1..255 methods");
        }
        this.clientVersion = Objects.requireNonNull(clientVersion, "clientVersion");
        this.random = random.clone();
        this.sessionId = sessionId.clone();
        this.cookie = cookie.clone();
        this.cipherSuites = List.copyOf(cipherSuites);
        this.compressionMethods = compressionMethods.clone();
        this.extensions = Objects.requireNonNull(extensions, "extensions");
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_HELLO;
    }

    public ProtocolVersion clientVersion() {
        return clientVersion;
    }

    public byte[] random() {
        return random.clone();
    }

    public byte[] sessionId() {
        return sessionId.clone();
    }

    public byte[] cookie() {
        return cookie.clone();
    }

    public int cookieLength() {
        return cookie.length;
    }

    public List<Integer> cipherSuites() {
        return cipherSuites;
    }

    public byte[] compressionMethods() {
        return compressionMethods.clone();
    }

    public boolean offersNullCompression() {
        for (byte method : compressionMethods) {
            if (method == COMPRESSION_NULL) {
                return true;
            }
        }
        return false;
    }

    public Extensions extensions() {
        return extensions;
    }

    /** The same hello with {@code newCookie}, as sent in answer to a HelloVerifyRequest (RFC 6347 4.2.1). */
    public ClientHello withCookie(byte[] newCookie) {
        return new ClientHello(clientVersion, random, sessionId, newCookie, cipherSuites, compressionMethods, extensions);
    }

    @Override
    public void writeBody(WireWriter out) {
        out.version(clientVersion).bytes(random).vector8(sessionId).vector8(cookie);
        out.uint16(2 * cipherSuites.size());
        for (int suite : cipherSuites) {
            out.uint16(suite);
        }
        out.vector8(compressionMethods);
        extensions.writeTo(out);
    }

    /**
     * Writes every field except the cookie, in wire order: the input a stateless cookie is bound to
     * (RFC 6347 section 4.2.1 "Client-Parameters").
     */
    public void writeCookieInput(WireWriter out) {
        out.version(clientVersion).bytes(random).vector8(sessionId);
        out.uint16(2 * cipherSuites.size());
        for (int suite : cipherSuites) {
            out.uint16(suite);
        }
        out.vector8(compressionMethods);
        extensions.writeTo(out);
    }

    public static ClientHello decode(byte[] body) throws DecodeException {
        return decode(new WireReader(body));
    }

    public static ClientHello decode(WireReader in) throws DecodeException {
        ProtocolVersion version = in.version("client_version");
        byte[] random = in.bytes(RANDOM_LENGTH, "random");
        byte[] sessionId = in.vector8(0, MAX_SESSION_ID_LENGTH, "session_id");
        byte[] cookie = in.vector8(0, MAX_COOKIE_LENGTH, "cookie");
        int suitesLength = in.uint16("cipher_suites length");
        if (suitesLength < 2 || suitesLength % 2 != 0) {
            throw new DecodeException("cipher_suites length " + suitesLength + " is not a positive even number");
        }
        WireReader suites = in.slice(suitesLength, "cipher_suites");
        List<Integer> cipherSuites = new ArrayList<>(suitesLength / 2);
        while (suites.hasRemaining()) {
            cipherSuites.add(suites.uint16("cipher suite"));
        }
        byte[] compression = in.vector8(1, 255, "compression_methods");
        Extensions extensions = Extensions.readOptional(in);
        return new ClientHello(version, random, sessionId, cookie, Collections.unmodifiableList(cipherSuites),
                compression, extensions);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientHello that
                && clientVersion.equals(that.clientVersion)
                && Arrays.equals(random, that.random)
                && Arrays.equals(sessionId, that.sessionId)
                && Arrays.equals(cookie, that.cookie)
                && cipherSuites.equals(that.cipherSuites)
                && Arrays.equals(compressionMethods, that.compressionMethods)
                && extensions.equals(that.extensions);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(random);
    }

    @Override
    public String toString() {
        return "ClientHello(" + clientVersion + ", cookie " + cookie.length
                + " bytes, suites " + cipherSuites + ", " + extensions + ")";
    }
}
