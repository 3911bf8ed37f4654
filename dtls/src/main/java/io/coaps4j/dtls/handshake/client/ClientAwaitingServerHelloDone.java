package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.credentials.PskCredentials;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.handshake.AwaitingChangeCipherSpec;
import io.coaps4j.dtls.handshake.Expect;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.OutgoingMessage;
import io.coaps4j.dtls.handshake.PeerClaim;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.SessionKeys;
import io.coaps4j.dtls.handshake.Transcript;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.message.Finished;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.PskClientKeyExchange;
import io.coaps4j.dtls.handshake.message.PskServerKeyExchange;
import io.coaps4j.dtls.handshake.message.ServerHelloDone;
import io.coaps4j.dtls.record.SecurityAssociation;

import java.util.List;
import java.util.Optional;

/**
 * After the ServerHello of a PSK suite: an optional ServerKeyExchange with an identity hint, then
 * ServerHelloDone, which completes the server's flight. The identity was already chosen by the
 * node being reached (RFC 7252 section 9.1.3.1), so the hint is read but does not change it.
 * ServerHelloDone makes flight 5: ClientKeyExchange, ChangeCipherSpec, Finished.
 */
final class ClientAwaitingServerHelloDone implements HandshakeState {
    private final ClientNegotiated negotiated;
    private final PskCredentials credentials;
    private final Transcript transcript;
    private final boolean keyExchangeSeen;

    ClientAwaitingServerHelloDone(ClientNegotiated negotiated, PskCredentials credentials, Transcript transcript,
                                  boolean keyExchangeSeen) {
        this.negotiated = negotiated;
        this.credentials = credentials;
        this.transcript = transcript;
        this.keyExchangeSeen = keyExchangeSeen;
    }

    @Override
    public Transition onMessage(ReceivedMessage message, HandshakeContext context) throws DtlsException {
        Expect.epoch(message, 0, name());
        if (!keyExchangeSeen && message.is(HandshakeType.SERVER_KEY_EXCHANGE)) {
            PskServerKeyExchange.decode(message.body());
            return Transition.stay(new ClientAwaitingServerHelloDone(negotiated, credentials,
                    transcript.append(HandshakeType.SERVER_KEY_EXCHANGE, message.messageSeq(), message.body()), true));
        }
        Expect.type(message, HandshakeType.SERVER_HELLO_DONE, name());
        ServerHelloDone.decode(message.body());
        int seq = negotiated.nextSendSeq();
        PskClientKeyExchange keyExchange = new PskClientKeyExchange(credentials.identity().utf8());
        Transcript throughKeyExchange = transcript
                .append(HandshakeType.SERVER_HELLO_DONE, message.messageSeq(), message.body())
                .append(HandshakeType.CLIENT_KEY_EXCHANGE, seq, keyExchange.encodeBody());
        SessionKeys keys = SessionKeys.fromPsk(context.crypto(), negotiated.suite(),
                credentials.key(), negotiated.offer().hello().random(), negotiated.serverRandom(),
                negotiated.extendedMasterSecret(), throughKeyExchange);
        Finished finished = new Finished(keys.verifyData(context.crypto(), ConnectionEnd.CLIENT, throughKeyExchange));
        Transcript throughFinished = throughKeyExchange.append(HandshakeType.FINISHED, seq + 1, finished.encodeBody());
        SecurityAssociation epoch1 = keys.association(context.crypto(), 1, ConnectionEnd.CLIENT);
        List<OutgoingMessage> flight = List.of(
                OutgoingMessage.handshake(keyExchange, seq),
                OutgoingMessage.changeCipherSpec(),
                OutgoingMessage.handshake(finished, seq + 1));
        HandshakeState next = ClientAwaitingFinished.next(negotiated, keys, throughFinished,
                // The server proves it holds the key of the identity this client chose.
                PeerClaim.psk(credentials.identity().principal()));
        return new Transition.Next(next, flight, Optional.of(epoch1), false);
    }
}
