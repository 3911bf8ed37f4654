package io.coaps4j.e2e;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The DTLS engine keys a handshake by its peer's address, but a handshake carried over CoAP through a proxy
 * has no address of its own (every client behind the proxy shares the proxy's). Each handshake is named by
 * the SA identifier it will install (5 bytes, chosen by the client), and the engine is given an address made
 * from it, 240.b0.b1.b2 port b3b4 (a reserved range, never a real peer): nothing is stored before the
 * cookie, as the engine requires (RFC 6347 section 4.2.1).
 */
final class HandshakeAddresses {
    /** Length of the SA identifiers that handshakes over CoAP agree. */
    static final int SA_ID_LENGTH = 5;
    static final String QUERY = "sa=";

    private HandshakeAddresses() {
    }

    /**
     * The configuration of a handshake over CoAP, checked: its SA protects end-to-end records, which carry no
     * connection ID (RFC 9146 is about the transport path, which an end-to-end SA does not have).
     */
    static io.coaps4j.dtls.config.DtlsConfig withoutConnectionIds(io.coaps4j.dtls.config.DtlsConfig config) {
        if (config.connectionIds().enabled()) {
            throw new IllegalArgumentException("a handshake over CoAP agrees an end-to-end SA, whose records carry"
                    + " no connection ID: configure connectionIds(ConnectionIdPolicy.DISABLED)");
        }
        return config;
    }

    static InetSocketAddress of(byte[] saId) {
        if (saId.length != SA_ID_LENGTH) {
            throw new IllegalArgumentException("a handshake SA identifier is " + SA_ID_LENGTH + " bytes, was "
                    + saId.length);
        }
        try {
            InetAddress address = InetAddress.getByAddress(new byte[] {(byte) 240, saId[0], saId[1], saId[2]});
            return new InetSocketAddress(address, ((saId[3] & 0xFF) << 8) | (saId[4] & 0xFF));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The SA identifier of a {@code sa=<10 hex digits>} query argument, if it is one. */
    static Optional<byte[]> parseQuery(String argument) {
        if (!argument.startsWith(QUERY) || argument.length() != QUERY.length() + 2 * SA_ID_LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(HexFormat.of().parseHex(argument.substring(QUERY.length())));
        } catch (IllegalArgumentException notHex) {
            return Optional.empty();
        }
    }

    static String query(byte[] saId) {
        return QUERY + HexFormat.of().formatHex(saId);
    }
}
