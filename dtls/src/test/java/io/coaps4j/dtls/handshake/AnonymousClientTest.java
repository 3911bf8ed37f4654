package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.alert.AlertMapping;
import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.config.ClientAuthentication;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.AnonymousPeer;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.crypto.KeyAgreement;
import io.coaps4j.dtls.crypto.PublicKeyCrypto;
import io.coaps4j.dtls.engine.PublicKeyFixture;
import io.coaps4j.dtls.handshake.client.ClientHandshake;
import io.coaps4j.dtls.handshake.client.ClientKeys;
import io.coaps4j.dtls.handshake.message.CertificateMessage;
import io.coaps4j.dtls.handshake.message.CertificateType;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.EcdhClientKeyExchange;
import io.coaps4j.dtls.handshake.message.EcdheServerKeyExchange;
import io.coaps4j.dtls.handshake.message.Finished;
import io.coaps4j.dtls.handshake.message.HandshakeMessage;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.ServerHello;
import io.coaps4j.dtls.handshake.server.ServerHandshake;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client without a key answers the CertificateRequest with an empty Certificate and no CertificateVerify
 * (RFC 5246 section 7.4.6), played here by hand against the real server states: a server that only wants
 * client authentication lets it on as {@link AnonymousPeer}, one that needs it refuses it with handshake_failure.
 */
class AnonymousClientTest {
    private final CryptoContext crypto = StateDriver.crypto(3);

    @Test
    void aServerThatWantsClientAuthenticationAcceptsAnEmptyCertificateAsAnonymous() throws Exception {
        Transition last = keylessClient(ClientAuthentication.WANT);
        EstablishedSession session = ((Transition.Completed) last).session();
        assertThat(session.peer()).isSameAs(AnonymousPeer.INSTANCE);
        assertThat(session.cipherSuite()).isEqualTo(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8);
    }

    @Test
    void aServerThatNeedsClientAuthenticationRefusesAnEmptyCertificate() throws Exception {
        try {
            keylessClient(ClientAuthentication.NEED);
        } catch (DtlsException failure) {
            assertThat(AlertMapping.descriptionFor(failure)).isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
            return;
        }
        throw new AssertionError("an empty Certificate was accepted although client authentication is needed");
    }

    /** Runs the keyless client's handshake against a server with {@code authentication}; returns the last transition. */
    private Transition keylessClient(ClientAuthentication authentication) throws Exception {
        DtlsConfig serverConfig = PublicKeyFixture.config(b -> b.credentials(PublicKeyFixture.serverRpk())
                .clientAuthentication(authentication));
        HandshakeContext server = new HandshakeContext(serverConfig, crypto, new InetSocketAddress("10.0.0.2", 40000));
        DtlsConfig clientConfig = PublicKeyFixture.config(b -> b.credentials(PublicKeyFixture.clientRpk()));
        HandshakeContext clientSide = new HandshakeContext(clientConfig, crypto, new InetSocketAddress("10.0.0.1", 5684));
        ClientHello hello = (ClientHello) ((OutgoingMessage.Handshake) ClientHandshake.start(clientSide,
                ClientKeys.resolve(clientConfig, clientSide.peer(), Optional.empty()), Optional.empty()).flight().get(0))
                .message();

        Transcript transcript = Transcript.empty().append(HandshakeType.CLIENT_HELLO, 0, hello.encodeBody());
        Transition.Next flight4 = (Transition.Next) resolve(ServerHandshake.start(0)
                .onMessage(received(hello, 0, 0), server), server);
        byte[] serverRandom = null;
        byte[] serverPoint = null;
        for (OutgoingMessage item : flight4.flight()) {
            OutgoingMessage.Handshake message = (OutgoingMessage.Handshake) item;
            byte[] body = message.message().encodeBody();
            transcript = transcript.append(message.message().type(), message.messageSeq(), body);
            if (message.message() instanceof ServerHello serverHello) {
                serverRandom = serverHello.random();
            } else if (message.message().type() == HandshakeType.SERVER_KEY_EXCHANGE) {
                serverPoint = EcdheServerKeyExchange.decode(body).point();
            }
        }
        assertThat(flight4.flight()).extracting(m -> ((OutgoingMessage.Handshake) m).message().type())
                .contains(HandshakeType.CERTIFICATE_REQUEST);

        CertificateMessage empty = CertificateMessage.empty(CertificateType.RAW_PUBLIC_KEY);
        KeyAgreement ephemeral = PublicKeyCrypto.jca().ephemeralKeyAgreement(crypto.random());
        EcdhClientKeyExchange keyExchange = new EcdhClientKeyExchange(ephemeral.publicPoint());
        transcript = transcript.append(HandshakeType.CERTIFICATE, 1, empty.encodeBody())
                .append(HandshakeType.CLIENT_KEY_EXCHANGE, 2, keyExchange.encodeBody());
        SessionKeys keys = SessionKeys.fromEcdhe(crypto, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8,
                ephemeral.sharedSecret(serverPoint), hello.random(), serverRandom, true, transcript);
        Finished finished = new Finished(keys.verifyData(crypto, ConnectionEnd.CLIENT, transcript));

        HandshakeState state = flight4.state();
        state = next(state.onMessage(received(empty, 1, 0), server), server);
        state = next(state.onMessage(received(keyExchange, 2, 0), server), server);
        assertThat(state.acceptsChangeCipherSpec()).as("no CertificateVerify is due from a client without a key").isTrue();
        state = next(state.onChangeCipherSpec(server), server);
        return state.onMessage(received(finished, 3, 1), server);
    }

    private static ReceivedMessage received(HandshakeMessage message, int seq, int epoch) {
        return new ReceivedMessage(message.type().code(), seq, epoch, message.encodeBody());
    }

    private static HandshakeState next(Transition transition, HandshakeContext context) throws Exception {
        return ((Transition.Next) resolve(transition, context)).state();
    }

    private static Transition resolve(Transition transition, HandshakeContext context) throws Exception {
        while (transition instanceof Transition.Await<?> await) {
            transition = resume(await, context);
        }
        return transition;
    }

    private static <R> Transition resume(Transition.Await<R> await, HandshakeContext context) throws Exception {
        return await.state().onResult(await.work().compute(), context);
    }
}
