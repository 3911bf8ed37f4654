package io.coaps4j.cli.psk;

import picocli.CommandLine.Option;

/**
 * {@code --no-resumption}: every DTLS handshake is a full one; without it a server keeps its sessions to resume
 * them by session id (RFC 5246 section 7.3) and a client offers the session it has with a server again.
 */
public final class ResumptionOption {
    @Option(names = "--no-resumption",
            description = "never resume a DTLS session (by session id or RFC 5077 ticket): every handshake is a full one"
                    + " (default: sessions are kept and resumed)")
    boolean off;

    /** Whether sessions are resumed. */
    public boolean enabled() {
        return !off;
    }
}
