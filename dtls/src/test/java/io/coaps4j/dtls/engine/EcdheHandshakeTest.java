package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.config.ClientAuthentication;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.CertificatePrincipal;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.credentials.PskPrincipal;
import io.coaps4j.dtls.credentials.RawPublicKeyPrincipal;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.credentials.AnonymousPeer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static io.coaps4j.dtls.engine.Fixture.CLIENT;
import static io.coaps4j.dtls.engine.PublicKeyFixture.CLIENT_KEY;
import static io.coaps4j.dtls.engine.PublicKeyFixture.SERVER_KEY;
import static io.coaps4j.dtls.engine.PublicKeyFixture.config;
import static org.assertj.core.api.Assertions.assertThat;

/** Full TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 handshakes in the RawPublicKey and Certificate modes, in virtual time. */
class EcdheHandshakeTest {

    static VirtualNetwork run(DtlsConfig serverConfig, DtlsConfig clientConfig, Optional<String> serverName) {
        VirtualNetwork network = new VirtualNetwork(Fixture.server(serverConfig), 1, 0, 5);
        network.start(CLIENT, Fixture.client(clientConfig, 2, serverName));
        network.run();
        return network;
    }

    static DtlsConnection client(VirtualNetwork network) {
        return network.clients.get(CLIENT);
    }

    static DtlsEvent.Failed clientFailure(VirtualNetwork network) {
        return Fixture.eventsOfType(network.eventsOf(CLIENT), DtlsEvent.Failed.class).get(0);
    }

    @Test
    void rawPublicKeysOnBothSidesCompleteWithMutualAuthenticationAndCarryData() {
        VirtualNetwork network = run(config(b -> b.credentials(PublicKeyFixture.serverRpk())),
                config(b -> b.credentials(PublicKeyFixture.clientRpk())), Optional.empty());

        DtlsConnection client = client(network);
        assertThat(client.status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        DtlsSession serverSide = network.server.session(CLIENT).orElseThrow();
        DtlsSession clientSide = client.session().orElseThrow();
        assertThat(serverSide.cipherSuite()).isEqualTo(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8);
        assertThat(serverSide.peerPrincipal()).isEqualTo(new RawPublicKeyPrincipal(CLIENT_KEY.getPublic()));
        assertThat(clientSide.peerPrincipal()).isEqualTo(new RawPublicKeyPrincipal(SERVER_KEY.getPublic()));
        assertThat(serverSide.extendedMasterSecret()).isTrue();

        network.clientOutput(CLIENT, client.send("ping".getBytes(StandardCharsets.US_ASCII), network.now));
        network.run();
        DtlsEvent.ApplicationData received = Fixture.eventsOfType(network.serverEventsOf(CLIENT),
                DtlsEvent.ApplicationData.class).get(0);
        assertThat(new String(received.data(), StandardCharsets.US_ASCII)).isEqualTo("ping");
    }

    @Test
    void certificatesOnBothSidesCompleteAndTheServerNameIsChecked() {
        VirtualNetwork network = run(config(b -> b.credentials(PublicKeyFixture.serverCertificate())),
                config(b -> b.credentials(PublicKeyFixture.clientCertificate())), Optional.of("server.example"));

        assertThat(client(network).status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        assertThat(network.server.session(CLIENT).orElseThrow().peerPrincipal())
                .isInstanceOfSatisfying(CertificatePrincipal.class, p -> assertThat(p.dnsNames()).contains("client.example"));
        assertThat(client(network).session().orElseThrow().peerPrincipal())
                .isInstanceOfSatisfying(CertificatePrincipal.class, p -> assertThat(p.dnsNames()).contains("server.example"));
    }

    @Test
    void aCertificateNamingAnotherHostIsABadCertificate() {
        VirtualNetwork network = run(config(b -> b.credentials(PublicKeyFixture.serverCertificate())),
                config(b -> b.credentials(PublicKeyFixture.clientCertificate())), Optional.of("other.example"));

        assertThat(client(network).status()).isEqualTo(DtlsConnection.Status.FAILED);
        assertThat(clientFailure(network).alert()).contains(AlertDescription.BAD_CERTIFICATE);
        assertThat(network.server.connectionCount()).isZero();
    }

    @Test
    void aServerWithSeveralChainsSendsTheOneNamingTheServerNameTheClientAskedFor() {
        java.security.KeyPair otherKey = io.coaps4j.dtls.credentials.TestKeys.p256();
        io.coaps4j.dtls.credentials.CertificateCredentials server = io.coaps4j.dtls.credentials.CertificateCredentials
                .builder()
                .add(SERVER_KEY.getPrivate(), java.util.List.of(PublicKeyFixture.leaf("CN=a", SERVER_KEY, "a.example")))
                .add(otherKey.getPrivate(), java.util.List.of(PublicKeyFixture.leaf("CN=b", otherKey, "b.example")))
                .trustAnchors(java.util.List.of(PublicKeyFixture.CA)).build();
        DtlsConfig serverConfig = config(b -> b.credentials(server));
        DtlsConfig clientConfig = config(b -> b.credentials(PublicKeyFixture.clientCertificate()));
        for (String name : new String[] {"a.example", "b.example"}) {
            VirtualNetwork network = run(serverConfig, clientConfig, Optional.of(name));
            assertThat(client(network).session().orElseThrow().peerPrincipal())
                    .isInstanceOfSatisfying(CertificatePrincipal.class, p -> assertThat(p.dnsNames()).containsExactly(name));
        }
    }

    @Test
    void aServerReachedByAddressMustNameThatAddressInItsCertificate() {
        DtlsConfig client = config(b -> b.credentials(PublicKeyFixture.clientCertificate()));
        VirtualNetwork byDnsNameOnly = run(config(b -> b.credentials(PublicKeyFixture.serverCertificate())), client,
                Optional.empty());
        assertThat(client(byDnsNameOnly).status()).isEqualTo(DtlsConnection.Status.FAILED);
        assertThat(clientFailure(byDnsNameOnly).alert()).contains(AlertDescription.BAD_CERTIFICATE);

        java.security.cert.X509Certificate byUri = PublicKeyFixture.certificate("CN=server", SERVER_KEY, "CN=Test CA",
                PublicKeyFixture.CA_KEY.getPrivate(), false, java.time.Instant.now().minusSeconds(3600),
                java.time.Instant.now().plusSeconds(3600), 0,
                new org.bouncycastle.asn1.x509.GeneralName(org.bouncycastle.asn1.x509.GeneralName.uniformResourceIdentifier,
                        "coaps://" + VirtualNetwork.SERVER.getAddress().getHostAddress()));
        io.coaps4j.dtls.credentials.CertificateCredentials server = new io.coaps4j.dtls.credentials.CertificateCredentials(
                SERVER_KEY.getPrivate(), java.util.List.of(byUri),
                java.util.Set.of(new java.security.cert.TrustAnchor(PublicKeyFixture.CA, null)));
        VirtualNetwork namingTheAddress = run(config(b -> b.credentials(server)), client, Optional.empty());
        assertThat(client(namingTheAddress).status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
    }

    @Test
    void withoutClientAuthenticationTheClientIsAnonymous() {
        VirtualNetwork network = run(config(b -> b.credentials(PublicKeyFixture.serverRpk())
                        .clientAuthentication(ClientAuthentication.NONE)),
                config(b -> b.credentials(PublicKeyFixture.clientRpk())), Optional.empty());

        assertThat(client(network).status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        assertThat(network.server.session(CLIENT).orElseThrow().peerPrincipal()).isSameAs(AnonymousPeer.INSTANCE);
        assertThat(client(network).session().orElseThrow().peerPrincipal())
                .isEqualTo(new RawPublicKeyPrincipal(SERVER_KEY.getPublic()));
    }

    @Test
    void wantedClientAuthenticationStillAuthenticatesAClientThatHasACertificate() {
        DtlsConfig clientConfig = config(b -> b.credentials(PublicKeyFixture.clientCertificate()));
        VirtualNetwork wanted = run(config(b -> b.credentials(PublicKeyFixture.serverCertificate())
                        .clientAuthentication(ClientAuthentication.WANT)), clientConfig, Optional.of("server.example"));
        assertThat(client(wanted).status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        assertThat(wanted.server.session(CLIENT).orElseThrow().peerPrincipal())
                .as("the client's certificate was sent and verified").isInstanceOf(CertificatePrincipal.class);
    }

    @Test
    void oneServerServesPskRawPublicKeyAndCertificateClientsOnOnePort() {
        DtlsConfig serverConfig = config(b -> b.pskStore(InMemoryPskStore.builder().add("device", Fixture.KEY).build())
                .credentials(PublicKeyFixture.serverRpk()).credentials(PublicKeyFixture.serverCertificate()));
        assertThat(serverConfig.cipherSuites()).containsExactly(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8);
        DtlsServer server = Fixture.server(serverConfig);
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        java.net.InetSocketAddress pskClient = VirtualNetwork.address("10.0.0.11", 4000);
        java.net.InetSocketAddress rpkClient = VirtualNetwork.address("10.0.0.12", 4000);
        java.net.InetSocketAddress certClient = VirtualNetwork.address("10.0.0.13", 4000);
        network.start(pskClient, Fixture.client(Fixture.config("device", Fixture.KEY), 3));
        network.start(rpkClient, Fixture.client(config(b -> b.credentials(PublicKeyFixture.clientRpk())), 4));
        network.start(certClient, Fixture.client(config(b -> b.credentials(PublicKeyFixture.clientCertificate())), 5,
                Optional.of("server.example")));
        network.run();

        assertThat(server.session(pskClient).orElseThrow().peerPrincipal()).isInstanceOf(PskPrincipal.class);
        assertThat(server.session(rpkClient).orElseThrow().peerPrincipal())
                .isEqualTo(new RawPublicKeyPrincipal(CLIENT_KEY.getPublic()));
        assertThat(server.session(certClient).orElseThrow().peerPrincipal()).isInstanceOf(CertificatePrincipal.class);
        assertThat(server.session(rpkClient).orElseThrow().cipherSuite())
                .isEqualTo(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8);
    }
}
