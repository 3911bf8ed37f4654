package io.coaps4j.dtls.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.engine.PublicKeyFixture;
import io.coaps4j.dtls.handshake.client.ClientHandshake;
import io.coaps4j.dtls.handshake.client.ClientKeys;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.ServerHello;
import io.coaps4j.dtls.handshake.server.ServerHandshake;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.cert.TrustAnchor;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * RFC 6066 section 3: the ECDHE server acknowledges server_name (an empty extension in its ServerHello) when it
 * used the name, that is when the name picked one of several certificate chains; not when it has one chain, a
 * chain none of whose certificates names it, or a raw public key.
 */
class EcdheServerNameTest {
    private static final KeyPair OTHER_KEY = io.coaps4j.dtls.credentials.TestKeys.p256();
    private final CryptoContext crypto = StateDriver.crypto(4);

    private static CertificateCredentials twoChains() {
        return CertificateCredentials.builder()
                .add(PublicKeyFixture.SERVER_KEY.getPrivate(),
                        List.of(PublicKeyFixture.leaf("CN=server", PublicKeyFixture.SERVER_KEY, "server.example")))
                .add(OTHER_KEY.getPrivate(), List.of(PublicKeyFixture.leaf("CN=other", OTHER_KEY, "other.example")))
                .trustAnchors(Set.of(new TrustAnchor(PublicKeyFixture.CA, null))).build();
    }

    @Test
    void aNameThatPickedAChainIsAcknowledged() throws Exception {
        ServerHello hello = serverHello(twoChains(), "other.example");
        assertThat(hello.cipherSuite()).isEqualTo(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8.code());
        assertThat(hello.extensions().serverNameAcknowledged()).isTrue();
    }

    @Test
    void aNameThatPickedNothingIsNot() throws Exception {
        assertThat(serverHello(twoChains(), "unknown.example").extensions().serverNameAcknowledged()).isFalse();
        assertThat(serverHello(PublicKeyFixture.serverCertificate(), "server.example").extensions()
                .serverNameAcknowledged()).as("one chain: the name chose nothing").isFalse();
    }

    private ServerHello serverHello(CertificateCredentials serverCredentials, String name) throws Exception {
        DtlsConfig serverConfig = PublicKeyFixture.config(b -> b.credentials(serverCredentials));
        HandshakeContext server = new HandshakeContext(serverConfig, crypto, new InetSocketAddress("10.0.0.2", 40000));
        DtlsConfig clientConfig = PublicKeyFixture.config(b -> b.credentials(CertificateCredentials.trustOnly(
                Set.of(new TrustAnchor(PublicKeyFixture.CA, null)))));
        HandshakeContext client = new HandshakeContext(clientConfig, crypto, new InetSocketAddress("10.0.0.1", 5684));
        ClientHello hello = (ClientHello) ((OutgoingMessage.Handshake) ClientHandshake.start(client,
                ClientKeys.resolve(clientConfig, client.peer(), Optional.of(name)), Optional.of(name)).flight().get(0))
                .message();

        Transition transition = ServerHandshake.start(0).onMessage(
                new ReceivedMessage(hello.type().code(), 0, 0, hello.encodeBody()), server);
        while (transition instanceof Transition.Await<?> await) {
            transition = resume(await, server);
        }
        return (ServerHello) ((OutgoingMessage.Handshake) ((Transition.Next) transition).flight().get(0)).message();
    }

    private static <R> Transition resume(Transition.Await<R> await, HandshakeContext context) throws Exception {
        return await.state().onResult(await.work().compute(), context);
    }
}
