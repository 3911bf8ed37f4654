package io.coaps4j.dtls.handshake.server;

import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.alert.AlertMapping;
import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.credentials.PskPeer;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.OutgoingMessage;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.Extension;
import io.coaps4j.dtls.handshake.message.ExtensionType;
import io.coaps4j.dtls.handshake.message.Extensions;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.RenegotiationInfo;
import io.coaps4j.dtls.handshake.message.ServerHello;
import io.coaps4j.dtls.handshake.message.ServerNameList;
import io.coaps4j.dtls.record.ProtocolVersion;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServerStatesTest {
    private final HandshakeContext context = new HandshakeContext(
            DtlsConfig.builder().pskStore(InMemoryPskStore.builder()
                    .add("id", new byte[16], PskPeer.hostName("served.example")).build()).build(),
            CryptoContext.create(), new InetSocketAddress(40000));

    private static ClientHello hello(ProtocolVersion version, List<Integer> suites, byte[] compression, Extensions extensions) {
        return new ClientHello(version, new byte[32], new byte[0], new byte[32], suites, compression, extensions);
    }

    private static ClientHello hello(Extensions extensions) {
        return hello(ProtocolVersion.DTLS_1_2, List.of(0xC0A8), new byte[] {0}, extensions);
    }

    private Transition handle(ClientHello hello, int epoch) throws DtlsException {
        return ServerHandshake.start(1).onMessage(new ReceivedMessage(HandshakeType.CLIENT_HELLO.code(), 1, epoch,
                hello.encodeBody()), context);
    }

    private AlertDescription alertFor(ClientHello hello) {
        try {
            handle(hello, 0);
        } catch (DtlsException failure) {
            return AlertMapping.descriptionFor(failure);
        }
        throw new AssertionError("accepted " + hello);
    }

    private ServerHello serverHelloFor(ClientHello hello) throws Exception {
        Transition.Next next = (Transition.Next) handle(hello, 0);
        OutgoingMessage.Handshake first = (OutgoingMessage.Handshake) next.flight().get(0);
        assertThat(first.messageSeq()).as("mirrors the hello's message_seq").isEqualTo(1);
        return ServerHello.decode(first.message().encodeBody());
    }

    @Test
    void helloThatCannotBeServedIsRefusedWithTheRightAlert() {
        assertThat(alertFor(hello(ProtocolVersion.DTLS_1_2, List.of(0x00AE, 0xC0AE), new byte[] {0}, Extensions.NONE)))
                .isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
        assertThat(alertFor(hello(ProtocolVersion.DTLS_1_0, List.of(0xC0A8), new byte[] {0}, Extensions.NONE)))
                .isEqualTo(AlertDescription.PROTOCOL_VERSION);
        assertThat(alertFor(hello(ProtocolVersion.of(3, 3), List.of(0xC0A8), new byte[] {0}, Extensions.NONE)))
                .as("a TLS version").isEqualTo(AlertDescription.PROTOCOL_VERSION);
        assertThat(alertFor(hello(ProtocolVersion.DTLS_1_2, List.of(0xC0A8), new byte[] {1}, Extensions.NONE)))
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(alertFor(hello(Extensions.of(List.of(new Extension(ExtensionType.RENEGOTIATION_INFO, new byte[] {1, 1}))))))
                .isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void theModeIsPickedFromWhatTheClientOffersAndTheServerHoldsCredentialsFor() throws Exception {
        // The client prefers ECDHE_ECDSA (RawPublicKey/Certificate); this server holds PSK credentials only.
        ServerHello hello = serverHelloFor(hello(ProtocolVersion.DTLS_1_2, List.of(0xC0AE, 0xC0A8), new byte[] {0},
                Extensions.NONE));
        assertThat(hello.cipherSuite()).isEqualTo(0xC0A8);
    }

    @Test
    void helloInAProtectedEpochOrOfAnotherTypeIsUnexpected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> handle(hello(Extensions.NONE), 1))
                .hasMessageContaining("epoch 1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerHandshake.start(0).onMessage(
                new ReceivedMessage(HandshakeType.FINISHED.code(), 0, 0, new byte[12]), context))
                .hasMessageContaining("not expected");
    }

    @Test
    void serverEchoesOnlyWhatWasOffered() throws Exception {
        ServerHello bare = serverHelloFor(hello(Extensions.NONE));
        assertThat(bare.extensions().isEmpty()).isTrue();

        ServerHello scsv = serverHelloFor(hello(ProtocolVersion.DTLS_1_2, List.of(0xC0A8, 0x00FF), new byte[] {0},
                Extensions.NONE));
        assertThat(scsv.extensions().renegotiationInfo()).contains(RenegotiationInfo.EMPTY);

        ServerHello full = serverHelloFor(hello(Extensions.builder().add(ServerNameList.ofHostName("served.example"))
                .extendedMasterSecret().add(RenegotiationInfo.EMPTY).build()));
        assertThat(full.extensions().types()).containsExactlyInAnyOrder(ExtensionType.RENEGOTIATION_INFO,
                ExtensionType.EXTENDED_MASTER_SECRET, ExtensionType.SERVER_NAME);
        assertThat(full.extensions().serverNameAcknowledged()).isTrue();
        assertThat(full.cipherSuite()).isEqualTo(0xC0A8);
        assertThat(full.sessionId()).hasSize(32);

        ServerHello unknownName = serverHelloFor(hello(Extensions.builder()
                .add(ServerNameList.ofHostName("other.example")).build()));
        assertThat(unknownName.extensions().contains(ExtensionType.SERVER_NAME)).isFalse();
    }

    @Test
    void flightFourEndsWithServerHelloDoneAndHasAKeyExchangeOnlyWithAHint() throws Exception {
        Transition.Next plain = (Transition.Next) handle(hello(Extensions.NONE), 0);
        assertThat(plain.flight()).extracting(m -> ((OutgoingMessage.Handshake) m).message().type())
                .containsExactly(HandshakeType.SERVER_HELLO, HandshakeType.SERVER_HELLO_DONE);

        HandshakeContext hinting = new HandshakeContext(DtlsConfig.builder()
                .pskStore(InMemoryPskStore.builder().add("id", new byte[16]).build()).pskIdentityHint("hint").build(),
                CryptoContext.create(), new InetSocketAddress(40000));
        Transition.Next withHint = (Transition.Next) ServerHandshake.start(1).onMessage(new ReceivedMessage(
                HandshakeType.CLIENT_HELLO.code(), 1, 0, hello(Extensions.NONE).encodeBody()), hinting);
        assertThat(withHint.flight()).extracting(m -> ((OutgoingMessage.Handshake) m).messageSeq())
                .containsExactly(1, 2, 3);
        assertThat(withHint.flight()).extracting(m -> ((OutgoingMessage.Handshake) m).message().type())
                .containsExactly(HandshakeType.SERVER_HELLO, HandshakeType.SERVER_KEY_EXCHANGE,
                        HandshakeType.SERVER_HELLO_DONE);
    }
}
