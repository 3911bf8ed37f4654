package io.coaps4j.dtls.credentials;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * A node a pre-shared key may be used with (RFC 7252 section 9.1.3.1: "each key in the list
 * includes a list of which nodes it can be used to communicate with").
 *
 * <ul>
 *   <li>A host name names a server: a client uses the key when it reaches that name, a server when
 *       the client asked for that name with server_name (RFC 6066).</li>
 *   <li>An address names the other end: the server's address for a client, the client's for a
 *       server. Without a port, every port of the host matches.</li>
 * </ul>
 */
public sealed interface PskPeer permits PskPeer.HostName, PskPeer.Address {

    /** The server known by {@code name} (compared case-insensitively). */
    static PskPeer hostName(String name) {
        return new HostName(name);
    }

    /** Every port of {@code address}. */
    static PskPeer address(InetAddress address) {
        return new Address(address, 0);
    }

    /** Exactly {@code address}; an unresolved address is refused because matching must not do DNS. */
    static PskPeer address(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("PSK peer address must be resolved: " + address
                    + " (use PskPeer.hostName for names)");
        }
        return new Address(address.getAddress(), address.getPort());
    }

    /** A server name. */
    record HostName(String name) implements PskPeer {
        public HostName {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("PSK peer host name must not be empty");
            }
            name = name.toLowerCase(Locale.ROOT);
        }

        boolean matches(String other) {
            return name.equalsIgnoreCase(other);
        }
    }

    /** An address, with port 0 meaning any port. */
    record Address(InetAddress address, int port) implements PskPeer {
        public Address {
            Objects.requireNonNull(address, "address");
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
        }

        boolean matches(InetSocketAddress other) {
            return other != null && address.equals(other.getAddress()) && (port == 0 || port == other.getPort());
        }
    }
}
