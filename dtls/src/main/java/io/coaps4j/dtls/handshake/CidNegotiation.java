package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.alert.DecodeException;
import io.coaps4j.dtls.config.ConnectionIdPolicy;
import io.coaps4j.dtls.handshake.message.ConnectionIdExtension;
import io.coaps4j.dtls.handshake.message.Extensions;

import java.util.Optional;

/**
 * The negotiation of connection IDs (RFC 9146 section 3) and of the return routability check (RFC 9853
 * section 3), the same in every security mode: the client offers its CID (empty when it wants none) and rrc,
 * a server that uses CIDs answers a client that offered with its own CID, and rrc when the client offered
 * both. Like {@link HeartbeatNegotiation}, the hello states only write the extensions; the engine reads the
 * peer's hello as it passes ({@link #peer}) and applies the result to the keys it installs.
 */
public final class CidNegotiation {
    private CidNegotiation() {
    }

    /** Client: adds connection_id with this side's CID (and rrc) when the context has one. */
    public static void offer(HandshakeContext context, Extensions.Builder clientHello) {
        ConnectionIdPolicy policy = context.config().connectionIds();
        if (policy.enabled() && context.connectionId() != null) {
            clientHello.add(new ConnectionIdExtension(context.connectionId()).toExtension());
            if (policy.returnRoutabilityCheck()) {
                clientHello.add(ConnectionIdExtension.rrc());
            }
        }
    }

    /**
     * Server: answers a client's connection_id with this side's CID, and its rrc with rrc when both were offered
     * (RFC 9853 section 3: no rrc without connection_id). A server sends no extension the client did not offer.
     */
    public static void answer(HandshakeContext context, Extensions clientHello, Extensions.Builder serverHello)
            throws DecodeException {
        ConnectionIdPolicy policy = context.config().connectionIds();
        if (!policy.enabled() || context.connectionId() == null || ConnectionIdExtension.in(clientHello).isEmpty()) {
            return;
        }
        serverHello.add(new ConnectionIdExtension(context.connectionId()).toExtension());
        if (policy.returnRoutabilityCheck() && ConnectionIdExtension.rrcIn(clientHello)) {
            serverHello.add(ConnectionIdExtension.rrc());
        }
    }

    /** What the peer's hello said: its CID, if it sent connection_id, and whether it sent rrc. */
    public static Peer peer(Extensions peerHello) throws DecodeException {
        Optional<byte[]> cid = ConnectionIdExtension.in(peerHello).map(ConnectionIdExtension::cid);
        return new Peer(cid.orElse(null), ConnectionIdExtension.rrcIn(peerHello));
    }

    /**
     * What both hellos settled: CIDs are in use when this side offered or answered its own ({@code ours}, not
     * null) and the peer sent one; rrc when, besides, both sent rrc and this side's policy has it on.
     */
    public static Optional<Agreement> settle(ConnectionIdPolicy policy, byte[] ours, Peer peer) {
        if (!policy.enabled() || ours == null || peer == null || peer.cid() == null) {
            return Optional.empty();
        }
        return Optional.of(new Agreement(ours.clone(), peer.cid().clone(),
                policy.returnRoutabilityCheck() && peer.rrc()));
    }

    /** The peer's connection_id (null when it sent none) and rrc. */
    public record Peer(byte[] cid, boolean rrc) {
    }

    /**
     * A negotiated use of CIDs: {@code readCid} this side's, in the records it receives, {@code writeCid} the
     * peer's, in the records it sends (either may be empty: plain records that way), and whether the return
     * routability check may be used.
     */
    public record Agreement(byte[] readCid, byte[] writeCid, boolean returnRoutabilityCheck) {
    }
}
