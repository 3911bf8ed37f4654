package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.config.SessionTickets;
import io.coaps4j.dtls.config.TicketKey;
import io.coaps4j.dtls.crypto.AesGcmSealer;

import java.util.Arrays;
import java.util.Optional;

/**
 * Seals a {@link ResumableSession} into an RFC 5077 ticket and opens one (the layout of RFC 5077 section 4 with an
 * AEAD in place of its CBC and HMAC): {@code key_name[16] || nonce[12] || AES-256-GCM(state) || tag[16]}, the key
 * name authenticated as associated data. The state is {@link SessionStateCodec}'s. A ticket opens only under the
 * key it names while the source still holds it, and only within the configured lifetime of its full handshake.
 */
public final class SessionTicketSealer {
    private SessionTicketSealer() {
    }

    /** The ticket for {@code session}, whose full handshake completed at {@code issuedAtMillis}. */
    public static byte[] seal(SessionTickets tickets, ResumableSession session, long issuedAtMillis) {
        TicketKey key = tickets.keys().current(tickets.nowMillis());
        byte[] name = key.name();
        byte[] secret = key.secret();
        byte[] state = SessionStateCodec.encode(session, issuedAtMillis);
        try {
            byte[] sealed = AesGcmSealer.seal(secret, name, state);
            byte[] ticket = Arrays.copyOf(name, name.length + sealed.length);
            System.arraycopy(sealed, 0, ticket, name.length, sealed.length);
            return ticket;
        } finally {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(state, (byte) 0);
        }
    }

    /**
     * Whether {@code ticket} (one that {@link #open}ed) names a key other than the one that seals now: a ticket of
     * a rotated-out key, which the server renews in the abbreviated handshake (RFC 5077 section 3.4) so that the
     * client holds a ticket that still opens once that key is retired.
     */
    public static boolean sealedUnderOlderKey(SessionTickets tickets, byte[] ticket) {
        byte[] current = tickets.keys().current(tickets.nowMillis()).name();
        return !Arrays.equals(current, 0, current.length, ticket, 0, Math.min(ticket.length, TicketKey.NAME_LENGTH));
    }

    /**
     * The session in {@code ticket}, or empty: too short, a key name the source does not hold (forged, or its key
     * retired), a wrong tag, another version, or older than the lifetime. Never an exception: tickets come from
     * the network.
     */
    public static Optional<SessionStateCodec.State> open(SessionTickets tickets, byte[] ticket) {
        if (ticket.length < TicketKey.NAME_LENGTH + AesGcmSealer.NONCE_LENGTH + AesGcmSealer.TAG_LENGTH) {
            return Optional.empty();
        }
        long now = tickets.nowMillis();
        byte[] name = Arrays.copyOf(ticket, TicketKey.NAME_LENGTH);
        Optional<TicketKey> key = tickets.keys().find(name, now);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        byte[] secret = key.get().secret();
        try {
            Optional<byte[]> state = AesGcmSealer.open(secret, name,
                    Arrays.copyOfRange(ticket, TicketKey.NAME_LENGTH, ticket.length));
            Optional<SessionStateCodec.State> decoded = state.flatMap(SessionStateCodec::decode);
            state.ifPresent(bytes -> Arrays.fill(bytes, (byte) 0));
            long lifetime = tickets.lifetime().toMillis();
            return decoded.filter(s -> now - s.issuedAtMillis() < lifetime && now - s.issuedAtMillis() >= -60_000);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
