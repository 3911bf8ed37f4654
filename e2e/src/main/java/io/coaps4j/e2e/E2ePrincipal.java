package io.coaps4j.e2e;

import java.security.Principal;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The end-to-end peer: who key management says holds the other end of an SA (a PSK identity, a token's
 * subject), with the SA identifier. Given to server resources beside the hop-by-hop principal.
 *
 * @param name the name key management gave the peer when it installed the SA
 * @param saId the SA identifier, hexadecimal
 */
public record E2ePrincipal(String name, String saId) implements Principal {
    public E2ePrincipal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(saId, "saId");
    }

    static E2ePrincipal of(String name, byte[] saId) {
        return new E2ePrincipal(name, HexFormat.of().formatHex(saId));
    }

    @Override
    public String getName() {
        return name;
    }
}
