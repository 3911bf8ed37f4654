package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;

/**
 * NewSessionTicket (RFC 5077 section 3.3): the ticket lifetime hint in seconds (0: unspecified) and the opaque
 * ticket, which only the server that sealed it can read.
 */
public final class NewSessionTicket implements HandshakeMessage {
    private final long lifetimeHintSeconds;
    private final byte[] ticket;

    public NewSessionTicket(long lifetimeHintSeconds, byte[] ticket) {
        if (lifetimeHintSeconds < 0 || lifetimeHintSeconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ticket_lifetime_hint is a uint32, was " + lifetimeHintSeconds);
        }
        if (ticket.length > 0xFFFF) {
            throw new IllegalArgumentException("a ticket has at most 65535 bytes, was " + ticket.length);
        }
        this.lifetimeHintSeconds = lifetimeHintSeconds;
        this.ticket = ticket.clone();
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.NEW_SESSION_TICKET;
    }

    public long lifetimeHintSeconds() {
        return lifetimeHintSeconds;
    }

    public byte[] ticket() {
        return ticket.clone();
    }

    @Override
    public void writeBody(WireWriter out) {
        out.uint16((int) (lifetimeHintSeconds >>> 16)).uint16((int) (lifetimeHintSeconds & 0xFFFF));
        out.vector16(ticket);
    }

    public static NewSessionTicket decode(byte[] body) throws DecodeException {
        WireReader in = new WireReader(body);
        long hint = ((long) in.uint16("ticket_lifetime_hint") << 16) | in.uint16("ticket_lifetime_hint");
        byte[] ticket = in.vector16(0, 0xFFFF, "ticket");
        in.expectEnd("NewSessionTicket");
        return new NewSessionTicket(hint, ticket);
    }

    @Override
    public String toString() {
        return "NewSessionTicket[hint " + lifetimeHintSeconds + " s, " + ticket.length + " bytes]";
    }
}
