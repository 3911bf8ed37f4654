package io.coaps4j.dtls.credentials;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable list of PSK entries (identity, key, the peers the key may be used with).
 *
 * <p>A client picks, for the node it reaches, the first entry scoped to the server's host name, else
 * the first scoped to its address, else the first unscoped entry. A server takes the entries of
 * the identity the client sent whose address scope (if any) contains the client; when the client
 * sent a server name, entries scoped to other names are left out and one scoped to that name is
 * preferred. This lets a server keep different keys for the same identity under different names.
 */
public final class InMemoryPskStore implements PskStore {
    private final List<PskEntry> entries;
    /** The entries of each identity, in order: a server's lookup does not grow with the store. */
    private final Map<PskIdentity, List<PskEntry>> byIdentity;

    private InMemoryPskStore(List<PskEntry> entries) {
        this.entries = entries;
        Map<PskIdentity, List<PskEntry>> index = new HashMap<>();
        for (PskEntry entry : entries) {
            index.computeIfAbsent(entry.identity(), identity -> new ArrayList<>(1)).add(entry);
        }
        index.replaceAll((identity, list) -> List.copyOf(list));
        this.byIdentity = Map.copyOf(index);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<PskEntry> entries() {
        return entries;
    }

    @Override
    public Optional<PskCredentials> clientCredentials(InetSocketAddress server, Optional<String> serverName) {
        Objects.requireNonNull(server, "server");
        if (serverName.isPresent()) {
            for (PskEntry entry : entries) {
                if (entry.scopedToName(serverName.get())) {
                    return Optional.of(entry.credentials());
                }
            }
        }
        for (PskEntry entry : entries) {
            if (entry.scopedToAddress(server)) {
                return Optional.of(entry.credentials());
            }
        }
        for (PskEntry entry : entries) {
            if (entry.peers().isEmpty()) {
                return Optional.of(entry.credentials());
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<PreSharedKey> serverKey(PskIdentity identity, Optional<String> serverName, InetSocketAddress client) {
        return serverEntry(identity, serverName, client).map(PskEntry::key);
    }

    /** The stored credentials, whose identity instance all sessions of that identity then share. */
    @Override
    public Optional<PskCredentials> serverCredentials(PskIdentity identity, Optional<String> serverName,
                                                      InetSocketAddress client) {
        return serverEntry(identity, serverName, client).map(PskEntry::credentials);
    }

    private Optional<PskEntry> serverEntry(PskIdentity identity, Optional<String> serverName, InetSocketAddress client) {
        Objects.requireNonNull(identity, "identity");
        PskEntry fallback = null;
        for (PskEntry entry : byIdentity.getOrDefault(identity, List.of())) {
            if (!entry.admitsClient(client)) {
                continue;
            }
            if (!entry.hasNameScope()) {
                fallback = fallback == null ? entry : fallback;
            } else if (serverName.isEmpty()) {
                // Reached by address: the name scope cannot be checked and does not exclude the entry.
                fallback = fallback == null ? entry : fallback;
            } else if (entry.scopedToName(serverName.get())) {
                return Optional.of(entry);
            }
        }
        return Optional.ofNullable(fallback);
    }

    @Override
    public boolean servesName(String serverName) {
        for (PskEntry entry : entries) {
            if (entry.scopedToName(serverName)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "InMemoryPskStore[" + entries.size() + " entries]";
    }

    /** One identity, its key and where it may be used; no peers means anywhere. */
    public record PskEntry(PskIdentity identity, PreSharedKey key, Set<PskPeer> peers) {
        public PskEntry {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(key, "key");
            peers = Set.copyOf(peers);
        }

        PskCredentials credentials() {
            return new PskCredentials(identity, key);
        }

        boolean hasNameScope() {
            return peers.stream().anyMatch(peer -> peer instanceof PskPeer.HostName);
        }

        boolean scopedToName(String name) {
            for (PskPeer peer : peers) {
                if (peer instanceof PskPeer.HostName host && host.matches(name)) {
                    return true;
                }
            }
            return false;
        }

        boolean scopedToAddress(InetSocketAddress address) {
            for (PskPeer peer : peers) {
                if (peer instanceof PskPeer.Address scoped && scoped.matches(address)) {
                    return true;
                }
            }
            return false;
        }

        /** True unless the entry lists addresses and {@code client} is none of them. */
        boolean admitsClient(InetSocketAddress client) {
            boolean hasAddressScope = peers.stream().anyMatch(peer -> peer instanceof PskPeer.Address);
            return !hasAddressScope || scopedToAddress(client);
        }

        @Override
        public String toString() {
            return "PskEntry[" + identity + ", key hidden, peers " + peers + "]";
        }
    }

    /** Collects entries in order; {@link #build()} refuses entries a server could not tell apart. */
    public static final class Builder {
        private final List<PskEntry> entries = new ArrayList<>();

        private Builder() {
        }

        /** Adds {@code identity} with {@code key}, usable with {@code peers} (none: with every peer). */
        public Builder add(String identity, byte[] key, PskPeer... peers) {
            return add(PskIdentity.of(identity), PreSharedKey.of(key), peers);
        }

        public Builder add(PskIdentity identity, PreSharedKey key, PskPeer... peers) {
            entries.add(new PskEntry(identity, key, Set.of(peers)));
            return this;
        }

        public InMemoryPskStore build() {
            for (int i = 0; i < entries.size(); i++) {
                for (int j = i + 1; j < entries.size(); j++) {
                    PskEntry a = entries.get(i);
                    PskEntry b = entries.get(j);
                    if (a.identity().equals(b.identity()) && !distinguishable(a, b)) {
                        throw new IllegalArgumentException("entries " + i + " and " + j + " both hold identity '"
                                + a.identity() + "' for overlapping peers; scope them to different host names"
                                + " or addresses");
                    }
                }
            }
            return new InMemoryPskStore(List.copyOf(entries));
        }

        /** Two entries of one identity are distinct when they name disjoint host names or disjoint addresses. */
        private static boolean distinguishable(PskEntry a, PskEntry b) {
            return disjointNonEmpty(a, b, PskPeer.HostName.class) || disjointNonEmpty(a, b, PskPeer.Address.class);
        }

        private static boolean disjointNonEmpty(PskEntry a, PskEntry b, Class<? extends PskPeer> kind) {
            List<PskPeer> left = a.peers().stream().filter(kind::isInstance).toList();
            List<PskPeer> right = b.peers().stream().filter(kind::isInstance).toList();
            return !left.isEmpty() && !right.isEmpty() && left.stream().noneMatch(right::contains);
        }
    }
}
