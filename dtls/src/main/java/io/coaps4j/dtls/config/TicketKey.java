package io.coaps4j.dtls.config;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A key that seals session tickets (RFC 5077 section 4): a 16-byte name, sent in clear at the ticket's start so
 * that a server finds the key again, and a 32-byte AES-256-GCM key. Never printed with its secret.
 */
public final class TicketKey {
    public static final int NAME_LENGTH = 16;
    public static final int SECRET_LENGTH = 32;

    private final byte[] name;
    private final byte[] secret;

    public TicketKey(byte[] name, byte[] secret) {
        if (name.length != NAME_LENGTH) {
            throw new IllegalArgumentException("a ticket key name has " + NAME_LENGTH + " bytes, not " + name.length);
        }
        if (secret.length != SECRET_LENGTH) {
            throw new IllegalArgumentException("a ticket key has " + SECRET_LENGTH + " bytes, not " + secret.length);
        }
        this.name = name.clone();
        this.secret = secret.clone();
    }

    public byte[] name() {
        return name.clone();
    }

    /** Whether this key is named {@code candidate}. Names are not secret; compared plainly. */
    public boolean isNamed(byte[] candidate) {
        return Arrays.equals(name, candidate);
    }

    /** The secret, for the sealer. */
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public String toString() {
        return "TicketKey[" + HexFormat.of().formatHex(name) + ", secret hidden]";
    }
}
