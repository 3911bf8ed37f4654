package io.coaps4j.dtls.handshake.client;

import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.alert.AlertMapping;
import io.coaps4j.dtls.alert.DecodeException;
import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.credentials.PreSharedKey;
import io.coaps4j.dtls.credentials.PskCredentials;
import io.coaps4j.dtls.credentials.PskIdentity;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.HandshakeState;
import io.coaps4j.dtls.handshake.OutgoingMessage;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.Extension;
import io.coaps4j.dtls.handshake.message.Extensions;
import io.coaps4j.dtls.handshake.message.HandshakeMessage;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.HelloVerifyRequest;
import io.coaps4j.dtls.handshake.message.RenegotiationInfo;
import io.coaps4j.dtls.handshake.message.ServerHello;
import io.coaps4j.dtls.record.ProtocolVersion;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientStatesTest {
    private static final byte[] KEY = new byte[16];
    private final HandshakeContext context = new HandshakeContext(
            DtlsConfig.builder().pskStore(InMemoryPskStore.builder().add("id", KEY).build()).build(),
            CryptoContext.create(), new InetSocketAddress(5684));
    private final ClientHandshake.Start start = ClientHandshake.start(context, ClientKeys.psk(
            new PskCredentials(PskIdentity.of("id"), PreSharedKey.of(KEY))), Optional.of("server.example"));

    private static ReceivedMessage received(HandshakeMessage message, int seq, int epoch) {
        return new ReceivedMessage(message.type().code(), seq, epoch, message.encodeBody());
    }

    private static ServerHello serverHello(ProtocolVersion version, int suite, int compression, Extensions extensions) {
        return new ServerHello(version, new byte[32], new byte[32], suite, compression, extensions);
    }

    private AlertDescription alertFor(HandshakeMessage message) {
        try {
            start.state().onMessage(received(message, 0, 0), context);
        } catch (DtlsException failure) {
            return AlertMapping.descriptionFor(failure);
        }
        throw new AssertionError("accepted " + message);
    }

    @Test
    void firstFlightIsAHelloOfferingOurSuiteEmsRenegotiationInfoAndTheName() throws DecodeException {
        assertThat(start.flight()).hasSize(1);
        ClientHello hello = (ClientHello) ((OutgoingMessage.Handshake) start.flight().get(0)).message();
        assertThat(hello.clientVersion()).isEqualTo(ProtocolVersion.DTLS_1_2);
        assertThat(hello.cipherSuites()).containsExactly(0xC0A8);
        assertThat(hello.compressionMethods()).containsExactly(0);
        assertThat(hello.cookie()).isEmpty();
        assertThat(hello.extensions().extendedMasterSecret()).isTrue();
        assertThat(hello.extensions().renegotiationInfo()).contains(RenegotiationInfo.EMPTY);
        assertThat(hello.extensions().serverName().orElseThrow().hostName()).isEqualTo("server.example");
    }

    @Test
    void helloVerifyRequestIsAnsweredWithTheSameHelloAndItsCookie() throws DtlsException {
        Transition transition = start.state().onMessage(received(
                new HelloVerifyRequest(ProtocolVersion.DTLS_1_0, new byte[] {1, 2, 3}), 0, 0), context);

        Transition.Next next = (Transition.Next) transition;
        OutgoingMessage.Handshake again = (OutgoingMessage.Handshake) next.flight().get(0);
        ClientHello first = (ClientHello) ((OutgoingMessage.Handshake) start.flight().get(0)).message();
        assertThat(again.messageSeq()).isEqualTo(1);
        assertThat(again.message()).isEqualTo(first.withCookie(new byte[] {1, 2, 3}));
    }

    @Test
    void endlessHelloVerifyRequestsAreRefused() throws DtlsException {
        HandshakeState state = start.state();
        for (int i = 0; i < ClientAwaitingServerHello.MAX_HELLO_VERIFY_REQUESTS; i++) {
            state = ((Transition.Next) state.onMessage(received(
                    new HelloVerifyRequest(ProtocolVersion.DTLS_1_0, new byte[] {(byte) i}), i, 0), context)).state();
        }
        HandshakeState last = state;
        assertThatThrownBy(() -> last.onMessage(received(new HelloVerifyRequest(ProtocolVersion.DTLS_1_0, new byte[1]), 9, 0),
                context)).hasMessageContaining("HelloVerifyRequests");
    }

    @Test
    void serverHelloThatBreaksTheOfferIsRefusedWithTheRightAlert() {
        Extensions none = Extensions.NONE;
        assertThat(alertFor(serverHello(ProtocolVersion.DTLS_1_0, 0xC0A8, 0, none)))
                .isEqualTo(AlertDescription.PROTOCOL_VERSION);
        assertThat(alertFor(serverHello(ProtocolVersion.DTLS_1_2, 0xC0AE, 0, none)))
                .as("suite not offered").isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(alertFor(serverHello(ProtocolVersion.DTLS_1_2, 0xC0A8, 1, none)))
                .as("compression").isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(alertFor(serverHello(ProtocolVersion.DTLS_1_2, 0xC0A8, 0,
                Extensions.of(List.of(new Extension(0x1234, new byte[0]))))))
                .as("unsolicited extension").isEqualTo(AlertDescription.UNSUPPORTED_EXTENSION);
        assertThat(alertFor(serverHello(ProtocolVersion.DTLS_1_2, 0xC0A8, 0,
                Extensions.of(List.of(new Extension(0xFF01, new byte[] {1, 7}))))))
                .as("renegotiation").isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
        assertThat(alertFor(serverHello(ProtocolVersion.DTLS_1_2, 0xC0A8, 0,
                Extensions.of(List.of(new Extension(0, new byte[] {0}))))))
                .as("server_name with data").isEqualTo(AlertDescription.DECODE_ERROR);
        assertThatThrownBy(() -> start.state().onMessage(new ReceivedMessage(HandshakeType.CERTIFICATE.code(), 0, 0,
                new byte[3]), context)).hasMessageContaining("not expected");
    }

    @Test
    void plainPskServerFlightMakesFlightFiveWithKeysForEpochOne() throws DtlsException {
        Extensions echoed = Extensions.builder().add(RenegotiationInfo.EMPTY).extendedMasterSecret().build();
        HandshakeState afterHello = ((Transition.Next) start.state().onMessage(
                received(serverHello(ProtocolVersion.DTLS_1_2, 0xC0A8, 0, echoed), 0, 0), context)).state();

        assertThatThrownBy(() -> afterHello.onMessage(new ReceivedMessage(HandshakeType.CERTIFICATE.code(), 1, 0,
                new byte[3]), context)).hasMessageContaining("not expected");
        assertThatThrownBy(() -> afterHello.onMessage(new ReceivedMessage(HandshakeType.SERVER_HELLO_DONE.code(), 1, 0,
                new byte[1]), context)).isInstanceOf(DecodeException.class);

        Transition.Next flight = (Transition.Next) afterHello.onMessage(
                new ReceivedMessage(HandshakeType.SERVER_HELLO_DONE.code(), 1, 0, new byte[0]), context);
        assertThat(flight.flight()).hasSize(3);
        assertThat(flight.flight().get(1)).isInstanceOf(OutgoingMessage.ChangeCipherSpec.class);
        assertThat(flight.pendingKeys()).hasValueSatisfying(keys -> assertThat(keys.epoch()).isEqualTo(1));
        assertThat(((OutgoingMessage.Handshake) flight.flight().get(0)).messageSeq()).isEqualTo(1);
        assertThat(((OutgoingMessage.Handshake) flight.flight().get(2)).messageSeq()).isEqualTo(2);
        assertThat(flight.state().acceptsChangeCipherSpec()).isTrue();
    }
}
