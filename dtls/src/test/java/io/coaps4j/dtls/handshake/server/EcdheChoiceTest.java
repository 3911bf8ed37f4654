package io.coaps4j.dtls.handshake.server;

import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.alert.AlertMapping;
import io.coaps4j.dtls.alert.DtlsException;
import io.coaps4j.dtls.config.ClientAuthentication;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.engine.PublicKeyFixture;
import io.coaps4j.dtls.handshake.HandshakeContext;
import io.coaps4j.dtls.handshake.ReceivedMessage;
import io.coaps4j.dtls.handshake.Transition;
import io.coaps4j.dtls.handshake.message.CertificateType;
import io.coaps4j.dtls.handshake.message.CertificateTypes;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.EcPointFormats;
import io.coaps4j.dtls.handshake.message.Extensions;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.SignatureAlgorithms;
import io.coaps4j.dtls.handshake.message.SupportedGroups;
import io.coaps4j.dtls.record.ProtocolVersion;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** How a server settles the ECDHE_ECDSA suite's parameters and certificate types from a ClientHello. */
class EcdheChoiceTest {
    private static final int PSK = 0xC0A8;
    private static final int ECDHE = 0xC0AE;

    private static DtlsConfig server(Consumer<DtlsConfig.Builder> tweak) {
        return PublicKeyFixture.config(tweak);
    }

    private static ClientHello hello(List<Integer> suites, Consumer<Extensions.Builder> extensions) {
        Extensions.Builder builder = Extensions.builder();
        extensions.accept(builder);
        return new ClientHello(ProtocolVersion.DTLS_1_2, new byte[32], new byte[0], new byte[0], suites,
                new byte[] {0}, builder.build());
    }

    private static CertificateTypes types(CertificateType... types) {
        return CertificateTypes.of(List.of(types));
    }

    @Test
    void theServerTypeIsTheFirstTheClientListsThatTheServerHolds() throws Exception {
        DtlsConfig both = server(b -> b.credentials(PublicKeyFixture.serverRpk()).credentials(PublicKeyFixture.serverCertificate()));
        EcdheChoice rpkFirst = EcdheChoice.of(hello(List.of(ECDHE), e -> e
                .serverCertificateTypes(types(CertificateType.RAW_PUBLIC_KEY, CertificateType.X509))
                .clientCertificateTypes(types(CertificateType.RAW_PUBLIC_KEY))), both).orElseThrow();
        assertThat(rpkFirst.serverType()).isEqualTo(CertificateType.RAW_PUBLIC_KEY);
        assertThat(rpkFirst.clientType()).contains(CertificateType.RAW_PUBLIC_KEY);
        assertThat(rpkFirst.answerServerType()).isTrue();

        EcdheChoice gnutls = EcdheChoice.of(hello(List.of(ECDHE), e -> e
                .clientCertificateTypes(types(CertificateType.RAW_PUBLIC_KEY))
                .serverCertificateTypes(types(CertificateType.X509, CertificateType.RAW_PUBLIC_KEY))), both).orElseThrow();
        assertThat(gnutls.serverType()).as("a client with a raw public key that lists X.509 first (GnuTLS)")
                .isEqualTo(CertificateType.RAW_PUBLIC_KEY);
        EcdheChoice x509First = EcdheChoice.of(hello(List.of(ECDHE), e -> e
                .serverCertificateTypes(types(CertificateType.X509, CertificateType.RAW_PUBLIC_KEY))), both).orElseThrow();
        assertThat(x509First.serverType()).as("no client type: the client's order").isEqualTo(CertificateType.X509);

        EcdheChoice noExtension = EcdheChoice.of(hello(List.of(ECDHE), e -> { }), both).orElseThrow();
        assertThat(noExtension.serverType()).as("X.509 without the extension (RFC 7250 section 4)")
                .isEqualTo(CertificateType.X509);
        assertThat(noExtension.answerServerType()).isFalse();
        assertThat(noExtension.clientType()).contains(CertificateType.X509);

        DtlsConfig rpkOnly = server(b -> b.credentials(PublicKeyFixture.serverRpk()));
        assertThat(EcdheChoice.of(hello(List.of(ECDHE), e -> { }), rpkOnly)).as("an X.509-only client").isEmpty();
        assertThat(EcdheChoice.of(hello(List.of(ECDHE), e -> e.serverCertificateTypes(new CertificateTypes(List.of(1)))),
                rpkOnly)).as("OpenPGP only").isEmpty();
    }

    @Test
    void theSuiteServesOnlyWithSecp256r1UncompressedPointsAndEcdsaSha256() throws Exception {
        DtlsConfig rpk = server(b -> b.credentials(PublicKeyFixture.serverRpk()).clientAuthentication(ClientAuthentication.NONE));
        Consumer<Extensions.Builder> rpkTypes = e -> e.serverCertificateTypes(types(CertificateType.RAW_PUBLIC_KEY));
        assertThat(EcdheChoice.of(hello(List.of(ECDHE), rpkTypes.andThen(e -> e.add(new SupportedGroups(List.of(24))))), rpk))
                .as("secp384r1 only").isEmpty();
        assertThat(EcdheChoice.of(hello(List.of(ECDHE), rpkTypes.andThen(e -> e.add(new EcPointFormats(List.of(1))))), rpk))
                .as("compressed points only").isEmpty();
        assertThat(EcdheChoice.of(hello(List.of(ECDHE), rpkTypes.andThen(e -> e.add(new SignatureAlgorithms(List.of(0x0401))))),
                rpk)).as("rsa_pkcs1_sha256 only").isEmpty();
        EcdheChoice fine = EcdheChoice.of(hello(List.of(ECDHE), rpkTypes.andThen(e -> e
                .add(new SupportedGroups(List.of(29, 23))).add(new EcPointFormats(List.of(0))))), rpk).orElseThrow();
        assertThat(fine.answerPointFormats()).isTrue();
        assertThat(fine.clientType()).as("client authentication NONE: no request").isEmpty();
    }

    @Test
    void aClientThatCannotAuthenticateAsNeededFallsBackToPskOrFailsWithHandshakeFailure() throws Exception {
        DtlsConfig pskAndRpk = server(b -> b.pskStore(InMemoryPskStore.builder().add("id", new byte[16]).build())
                .credentials(PublicKeyFixture.serverRpk()));
        ClientHello x509Client = hello(List.of(ECDHE, PSK), e -> e
                .serverCertificateTypes(types(CertificateType.RAW_PUBLIC_KEY))
                .clientCertificateTypes(types(CertificateType.X509)));
        assertThat(EcdheChoice.of(x509Client, pskAndRpk)).isEmpty();
        HandshakeContext context = new HandshakeContext(pskAndRpk, CryptoContext.create(), new InetSocketAddress(40000));
        Transition.Next next = (Transition.Next) ServerHandshake.start(0).onMessage(
                new ReceivedMessage(HandshakeType.CLIENT_HELLO.code(), 0, 0, x509Client.encodeBody()), context);
        assertThat(next.state()).isInstanceOf(ServerAwaitingClientKeyExchange.class);

        ClientHello x509Only = hello(List.of(ECDHE), e -> e
                .serverCertificateTypes(types(CertificateType.RAW_PUBLIC_KEY))
                .clientCertificateTypes(types(CertificateType.X509)));
        try {
            ServerHandshake.start(0).onMessage(new ReceivedMessage(HandshakeType.CLIENT_HELLO.code(), 0, 0,
                    x509Only.encodeBody()), context);
            throw new AssertionError("accepted a client that cannot authenticate as needed");
        } catch (DtlsException failure) {
            assertThat(AlertMapping.descriptionFor(failure)).isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
        }
        assertThat(EcdheChoice.of(x509Only, server(b -> b.credentials(PublicKeyFixture.serverRpk())
                .clientAuthentication(ClientAuthentication.WANT))).orElseThrow().clientType())
                .as("wanted only: the client stays anonymous").isEqualTo(Optional.empty());
    }
}
