package io.coaps4j.interop;

import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import io.coaps4j.dtls.credentials.RawPublicKeyPrincipal;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsEvent;
import io.coaps4j.dtls.engine.DtlsMetrics;

import io.coaps4j.dtls.engine.DtlsServer;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.auth.RawPublicKeyIdentity;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.coaps4j.interop.EngineOverUdp.now;
import static io.coaps4j.interop.EngineOverUdp.pump;
import static io.coaps4j.interop.EngineOverUdp.serve;
import static io.coaps4j.interop.EngineOverUdp.transmit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke test of the RawPublicKey mode against Scandium 3.13 at the DTLS level, both roles, client
 * authentication needed: TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 with the certificate types of RFC 7250, each side
 * trusting exactly the other's key.
 */
class ScandiumRpkDtlsTest {
    static {
        DtlsConfig.register();
    }

    private static final KeyPair OURS = p256();
    private static final KeyPair SCANDIUMS = p256();

    private static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static io.coaps4j.dtls.config.DtlsConfig ourConfig() {
        return io.coaps4j.dtls.config.DtlsConfig.builder()
                .credentials(new RawPublicKeyCredentials(OURS.getPrivate(), OURS.getPublic(), Set.of(SCANDIUMS.getPublic())))
                .build();
    }

    private static DTLSConnector scandium(DtlsConfig.DtlsRole role, BlockingQueue<RawData> received) {
        Configuration configuration = Configuration.createStandardWithoutFile();
        configuration.set(DtlsConfig.DTLS_ROLE, role);
        configuration.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
        configuration.set(DtlsConfig.DTLS_CIPHER_SUITES,
                List.of(org.eclipse.californium.scandium.dtls.cipher.CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8));
        configuration.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NEEDED);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(configuration)
                .setAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .setCertificateIdentityProvider(new SingleCertificateProvider(SCANDIUMS.getPrivate(), SCANDIUMS.getPublic()))
                .setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
                        .setTrustedRPKs(new RawPublicKeyIdentity(OURS.getPublic())).build())
                .build();
        DTLSConnector connector = new DTLSConnector(dtls);
        connector.setRawDataReceiver(received::add);
        return connector;
    }

    @Test
    void ourClientCompletesAnRpkHandshakeWithAScandiumServerAndExchangesData() throws Exception {
        BlockingQueue<RawData> received = new ArrayBlockingQueue<>(10);
        DTLSConnector server = scandium(DtlsConfig.DtlsRole.SERVER_ONLY, received);
        server.start();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = server.getAddress();
            DtlsConnection client = DtlsConnection.client(ourConfig(), CryptoContext.create(), new DtlsMetrics(),
                    address, Optional.empty());
            List<DtlsEvent> events = new ArrayList<>();
            long start = System.nanoTime();
            transmit(socket, address, client.start(now(start)), events);
            pump(socket, address, client, events, start, () -> client.status() != DtlsConnection.Status.HANDSHAKING);
            assertThat(client.status()).as("events %s", events).isEqualTo(DtlsConnection.Status.ESTABLISHED);
            assertThat(client.session().orElseThrow().peerPrincipal())
                    .isEqualTo(new RawPublicKeyPrincipal(SCANDIUMS.getPublic()));
            assertThat(client.session().orElseThrow().cipherSuite()).isEqualTo(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8);

            transmit(socket, address, client.send("hello scandium".getBytes(StandardCharsets.UTF_8), now(start)), events);
            RawData data = received.poll(10, TimeUnit.SECONDS);
            assertThat(data).isNotNull();
            assertThat(new String(data.getBytes(), StandardCharsets.UTF_8)).isEqualTo("hello scandium");
            assertThat(data.getSenderIdentity()).isEqualTo(new RawPublicKeyIdentity(OURS.getPublic()));
        } finally {
            server.destroy();
        }
    }

    @Test
    void aScandiumClientCompletesAnRpkHandshakeWithOurServer() throws Exception {
        DTLSConnector client = scandium(DtlsConfig.DtlsRole.CLIENT_ONLY, new ArrayBlockingQueue<>(10));
        client.start();
        long start = System.nanoTime();
        DtlsServer server = new DtlsServer(ourConfig(), CryptoContext.create(), new DtlsMetrics(), now(start));
        List<DtlsServer.PeerEvent> events = new ArrayList<>();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.send(RawData.outbound("hello coaps4j".getBytes(StandardCharsets.UTF_8),
                    new AddressEndpointContext((InetSocketAddress) socket.getLocalSocketAddress()), null, false));
            serve(socket, server, events, start, () -> events.stream().anyMatch(e -> e.event() instanceof DtlsEvent.ApplicationData
                    || e.event() instanceof DtlsEvent.Failed));
            DtlsServer.PeerEvent completed = events.stream().filter(e -> e.event() instanceof DtlsEvent.HandshakeCompleted)
                    .findFirst().orElseThrow(() -> new AssertionError("events " + events));
            assertThat(server.session(completed.peer()).orElseThrow().peerPrincipal())
                    .isEqualTo(new RawPublicKeyPrincipal(SCANDIUMS.getPublic()));
            DtlsEvent.ApplicationData data = (DtlsEvent.ApplicationData) events.stream().map(DtlsServer.PeerEvent::event)
                    .filter(e -> e instanceof DtlsEvent.ApplicationData).findFirst().orElseThrow();
            assertThat(new String(data.data(), StandardCharsets.UTF_8)).isEqualTo("hello coaps4j");
        } finally {
            client.destroy();
        }
    }
}
