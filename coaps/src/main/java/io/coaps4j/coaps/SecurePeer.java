package io.coaps4j.coaps;

import io.coaps4j.coap.peer.Peer;
import io.coaps4j.dtls.credentials.AnonymousPeer;
import io.coaps4j.dtls.engine.DtlsSession;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A peer reached over DTLS ({@code coaps://}): its address, the DTLS session and epoch a message
 * travelled in, and the principal that session authenticated (a
 * {@link io.coaps4j.dtls.credentials.PskPrincipal} in the PreSharedKey mode).
 *
 * <p>Equality includes the session (by identity: every completed handshake is a new session) and
 * the epoch. The CoAP engine matches ACK/RST to CON and responses to requests with
 * {@code Peer.equals}, so it never matches across sessions or epochs, and a response leaves in
 * exactly the session and epoch of its request (oneM2M TS-0008 clause 7). Immutable.
 *
 * <p>One instance lives as long as each idle session, so it keeps only what it cannot derive: the
 * address (the connection's current one) and principal are read from the session when asked for.
 */
public final class SecurePeer implements Peer {
    private final DtlsSession session;
    private final int epoch;
    private final int hash;

    /** The peer of {@code session} in {@code epoch}. */
    public SecurePeer(DtlsSession session, int epoch) {
        this.session = Objects.requireNonNull(session, "session");
        if (epoch < 1 || epoch > 0xFFFF) {
            // Epoch 0 is the unprotected handshake epoch: no CoAP message travels in it (RFC 6347 4.1).
            throw new IllegalArgumentException("epoch must be 1..65535 for protected data, was " + epoch);
        }
        this.epoch = epoch;
        // Peers are hash keys on the per-message path (exchange and message-ID tables): hash once.
        // Not the address: it is an attribute of the connection that may change (RFC 9146), the session may not.
        this.hash = System.identityHashCode(session) * 31 + epoch;
    }

    /** The peer of {@code session} in the session's current epoch. */
    public static SecurePeer of(DtlsSession session) {
        return new SecurePeer(session, session.epoch());
    }

    @Override
    public InetSocketAddress address() {
        return session.peerAddress();
    }

    /** The DTLS session the messages of this peer travel in. */
    public DtlsSession session() {
        return session;
    }

    /** The epoch whose keys protect them. */
    public int epoch() {
        return epoch;
    }

    /** The session id the server assigned (may be empty). */
    public byte[] sessionId() {
        return session.sessionId();
    }

    /**
     * Who the DTLS handshake authenticated; empty for a client a server with client authentication none or
     * wanted let on without a certificate ({@link AnonymousPeer}), so that authorization never mistakes it for
     * someone.
     */
    @Override
    public Optional<Principal> principal() {
        Principal peer = session.peerPrincipal();
        return peer instanceof AnonymousPeer ? Optional.empty() : Optional.of(peer);
    }

    @Override
    public boolean secure() {
        return true;
    }

    /** True when {@code other} is in the same session and epoch (and so at the same address: a session has one). */
    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof SecurePeer that && that.session == session && that.epoch == epoch;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "SecurePeer[" + session.peerAddress() + ", session " + HexFormat.of().formatHex(session.sessionId()) + ", epoch "
                + epoch + ", " + session.peerPrincipal().getName() + "]";
    }
}
