package io.coaps4j.dtls.handshake.server;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.credentials.PreSharedKey;
import io.coaps4j.dtls.credentials.PskCredentials;
import io.coaps4j.dtls.credentials.PskIdentity;
import io.coaps4j.dtls.credentials.PskStore;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.handshake.AwaitingChangeCipherSpec;
import io.coaps4j.dtls.handshake.Expect;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.PeerClaim;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.SessionKeys;
import io.coaps4j.dtls.handshake.Transcript;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.PskClientKeyExchange;

import java.util.List;
import java.util.Optional;

/**
 * Flight 4 is out; the client's flight starts with its ClientKeyExchange naming a PSK identity.
 * An identity that is unknown, invalid or not allowed for this client and server name is not
 * revealed: the handshake goes on with a random key, so it fails exactly like a wrong key, with
 * decrypt_error (RFC 4279 section 2).
 */
final class ServerAwaitingClientKeyExchange implements HandshakeState {
    private static final int RANDOM_KEY_LENGTH = 16;

    private final ServerNegotiated negotiated;
    private final Transcript transcript;

    ServerAwaitingClientKeyExchange(ServerNegotiated negotiated, Transcript transcript) {
        this.negotiated = negotiated;
        this.transcript = transcript;
    }

    @Override
    public Transition onMessage(ReceivedMessage message, HandshakeContext context) throws DtlsException {
        Expect.type(message, HandshakeType.CLIENT_KEY_EXCHANGE, name());
        Expect.epoch(message, 0, name());
        PskClientKeyExchange keyExchange = PskClientKeyExchange.decode(message.body());
        // ServerMode chose a PSK suite because the configuration holds a PSK store.
        PskStore store = context.config().pskStore().orElseThrow();
        Optional<PskCredentials> credentials = PskIdentity.fromWire(keyExchange.identity())
                .flatMap(id -> store.serverCredentials(id, negotiated.serverName(), context.peer()));
        PreSharedKey used = credentials.map(PskCredentials::key)
                .orElseGet(() -> PreSharedKey.of(context.crypto().random().nextBytes(RANDOM_KEY_LENGTH)));
        // The store's own identity instance: the sessions of one identity share it.
        PeerClaim claim = credentials.isPresent() ? PeerClaim.psk(credentials.get().identity().principal())
                : PeerClaim.unknownPsk();

        Transcript throughKeyExchange = transcript.append(HandshakeType.CLIENT_KEY_EXCHANGE, message.messageSeq(),
                message.body());
        SessionKeys keys = SessionKeys.fromPsk(context.crypto(), negotiated.suite(), used, negotiated.clientRandom(),
                negotiated.serverRandom(), negotiated.extendedMasterSecret(), throughKeyExchange);
        HandshakeState next = new AwaitingChangeCipherSpec(
                new ServerAwaitingFinished(negotiated, keys, throughKeyExchange, claim));
        return new Transition.Next(next, List.of(), Optional.of(keys.association(context.crypto(), 1, ConnectionEnd.SERVER)), false);
    }
}
