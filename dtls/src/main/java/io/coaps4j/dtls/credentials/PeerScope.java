package io.coaps4j.dtls.credentials;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The peers a trusted raw public key may be used with (the access-control list of RFC 7252 section 9.1.3.2.1):
 * any peer, or peers at given IP addresses or reached by given host names. Immutable.
 */
public final class PeerScope {
    private static final PeerScope ANY = new PeerScope(Set.of(), Set.of(), true);

    private final Set<String> hostNames;
    private final Set<InetAddress> addresses;
    private final boolean any;

    private PeerScope(Set<String> hostNames, Set<InetAddress> addresses, boolean any) {
        this.hostNames = hostNames;
        this.addresses = addresses;
        this.any = any;
    }

    /** Any peer. */
    public static PeerScope any() {
        return ANY;
    }

    /**
     * The peers named by {@code hosts}: host names (compared case-insensitively, without a trailing dot) or IP
     * literals (compared as addresses; never resolved).
     *
     * @throws IllegalArgumentException when no host is given or one is empty
     */
    public static PeerScope hosts(String... hosts) {
        return of(List.of(hosts), List.of());
    }

    /**
     * The peers reached by one of {@code hostNames} (or IP literals) or at one of {@code addresses}.
     *
     * @throws IllegalArgumentException when both are empty (use {@link #any()}) or a name is empty
     */
    public static PeerScope of(Collection<String> hostNames, Collection<InetAddress> addresses) {
        Set<String> names = new HashSet<>();
        Set<InetAddress> ips = new HashSet<>();
        for (InetAddress address : addresses) {
            ips.add(Objects.requireNonNull(address, "address"));
        }
        for (String host : hostNames) {
            Objects.requireNonNull(host, "host");
            Optional<InetAddress> literal = ReferenceIdentity.ipLiteral(host);
            if (literal.isPresent()) {
                ips.add(literal.get());
            } else {
                names.add(normalized(host).orElseThrow(() -> new IllegalArgumentException("an empty host name")));
            }
        }
        if (names.isEmpty() && ips.isEmpty()) {
            throw new IllegalArgumentException("a scope needs at least one host or address; PeerScope.any() is any peer");
        }
        return new PeerScope(Set.copyOf(names), Set.copyOf(ips), false);
    }

    public boolean isAny() {
        return any;
    }

    /** The host names, lower case. */
    public Set<String> hostNames() {
        return hostNames;
    }

    public Set<InetAddress> addresses() {
        return addresses;
    }

    /**
     * Whether the peer at {@code peer} (may be null when unknown), reached by {@code serverName} (when this node is
     * the client and used a name; empty otherwise), is in this scope.
     */
    public boolean allows(InetSocketAddress peer, Optional<String> serverName) {
        if (any) {
            return true;
        }
        if (peer != null && peer.getAddress() != null && addresses.contains(peer.getAddress())) {
            return true;
        }
        if (serverName.isEmpty()) {
            return false;
        }
        Optional<InetAddress> literal = ReferenceIdentity.ipLiteral(serverName.get());
        return literal.isPresent() ? addresses.contains(literal.get())
                : normalized(serverName.get()).map(hostNames::contains).orElse(false);
    }

    private static Optional<String> normalized(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return name.isEmpty() ? Optional.empty() : Optional.of(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PeerScope that && any == that.any && hostNames.equals(that.hostNames)
                && addresses.equals(that.addresses);
    }

    @Override
    public int hashCode() {
        return Objects.hash(any, hostNames, addresses);
    }

    @Override
    public String toString() {
        if (any) {
            return "any peer";
        }
        List<String> all = new java.util.ArrayList<>(hostNames.stream().sorted().toList());
        addresses.stream().map(InetAddress::getHostAddress).sorted().forEach(all::add);
        return "peers " + all;
    }
}
