package io.coaps4j.coap.peer;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;

/** A peer reached without security (the NoSec mode, {@code coap://}): known only by its address. */
public record PlainPeer(InetSocketAddress address) implements Peer {

    public PlainPeer {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("peer address must be resolved: " + address);
        }
    }

    @Override
    public Optional<Principal> principal() {
        return Optional.empty();
    }

    @Override
    public boolean secure() {
        return false;
    }
}
