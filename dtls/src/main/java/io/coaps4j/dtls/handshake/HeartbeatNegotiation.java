package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.alert.DecodeException;
import io.coaps4j.dtls.alert.PeerMisbehavedException;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.config.HeartbeatMode;
import io.coaps4j.dtls.handshake.message.ExtensionType;
import io.coaps4j.dtls.handshake.message.Extensions;
import io.coaps4j.dtls.handshake.message.HeartbeatExtension;

import java.util.Optional;

/**
 * The heartbeat extension's negotiation (RFC 6520 section 2), the same in every security mode: the client
 * offers its mode, a server that supports heartbeats answers a client that offered with its own, and each
 * side's mode says whether the other may send it requests. The hello states only write the extension; the
 * engine reads the peer's hello as it passes ({@link #peerMode}), so no key exchange has to carry the result.
 */
public final class HeartbeatNegotiation {
    private HeartbeatNegotiation() {
    }

    /** Client: adds the configured mode to the ClientHello's extensions, if heartbeats are configured. */
    public static void offer(DtlsConfig config, Extensions.Builder clientHello) {
        config.heartbeat().ifPresent(mode -> clientHello.add(new HeartbeatExtension(mode.code())));
    }

    /**
     * Server: adds the configured mode to the ServerHello when the client offered the extension (a server
     * sends no extension the client did not offer, RFC 5246 section 7.4.1.4) and heartbeats are configured.
     */
    public static void answer(DtlsConfig config, Extensions clientHello, Extensions.Builder serverHello) {
        if (clientHello.contains(ExtensionType.HEARTBEAT)) {
            offer(config, serverHello);
        }
    }

    /**
     * The mode in the peer's hello extensions, if it sent the extension.
     *
     * @throws DecodeException          when the extension is not exactly one byte
     * @throws PeerMisbehavedException  illegal_parameter for a mode RFC 6520 does not define ("Upon reception
     *                                  of an unknown mode, an error Alert message using illegal_parameter
     *                                  ... MUST be sent")
     */
    public static Optional<HeartbeatMode> peerMode(Extensions peerHello) throws DecodeException, PeerMisbehavedException {
        Optional<HeartbeatExtension> extension = peerHello.heartbeat();
        if (extension.isEmpty()) {
            return Optional.empty();
        }
        int code = extension.get().mode();
        Optional<HeartbeatMode> mode = HeartbeatMode.fromCode(code);
        if (mode.isEmpty()) {
            throw PeerMisbehavedException.illegal("unknown HeartbeatMode " + code + " (RFC 6520 section 2)");
        }
        return mode;
    }

    /**
     * What both hellos settled, once the handshake completed: whether heartbeats were negotiated and, if so,
     * {@code ours} and the peer's modes. Negotiated when the peer sent the extension and this side has heartbeats
     * configured (a client then offered it, a server answered it).
     */
    public static Optional<Agreement> settle(DtlsConfig config, Optional<HeartbeatMode> peerMode) {
        if (config.heartbeat().isEmpty() || peerMode.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Agreement(config.heartbeat().get(), peerMode.get()));
    }

    /** The two modes of a negotiated heartbeat extension. */
    public record Agreement(HeartbeatMode ours, HeartbeatMode peers) {
        /** Whether this side may send HeartbeatRequests: the peer said peer_allowed_to_send. */
        public boolean maySend() {
            return peers == HeartbeatMode.PEER_ALLOWED_TO_SEND;
        }

        /** Whether this side answers the peer's HeartbeatRequests: it said peer_allowed_to_send. */
        public boolean answers() {
            return ours == HeartbeatMode.PEER_ALLOWED_TO_SEND;
        }
    }
}
