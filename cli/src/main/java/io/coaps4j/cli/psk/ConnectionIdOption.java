package io.coaps4j.cli.psk;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.dtls.config.ConnectionIdPolicy;
import picocli.CommandLine.Option;

/**
 * {@code --cid-length N}: the length of the DTLS connection ID (RFC 9146) this side asks its peer to put in the
 * records it sends. Without it a server uses 6 bytes and a client 0 (it sends with the server's CID, so a NAT
 * rebinding does not lose its session, but is found by its address).
 */
public final class ConnectionIdOption {
    @Option(names = "--cid-length", paramLabel = "N",
            description = "length of the DTLS connection ID (RFC 9146) this side asks its peer to use, 0..255;"
                    + " the session then survives a change of the peer's address, checked by RFC 9853"
                    + " (default: 6 for the server, 0 for a client, which still uses the server's)")
    Integer length;

    /** The connection ID policy these options ask for; a length outside 0..255 is a usage error naming it. */
    public ConnectionIdPolicy policy() {
        if (length == null) {
            return ConnectionIdPolicy.DEFAULT;
        }
        try {
            return ConnectionIdPolicy.DEFAULT.withLength(length);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, "--cid-length: " + e.getMessage());
        }
    }
}
