package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.credentials.CertificatePrincipal;
import io.coaps4j.dtls.credentials.TestKeys;
import io.coaps4j.dtls.flight.RetransmissionPolicy;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificate chains of three certificates of about 600 bytes each, on both sides: the flights that carry them
 * are fragmented to the datagram size, reassembled within the configured bound, and the handshake completes
 * over a network that reorders and loses datagrams (issue 8 item 5).
 */
class FragmentedChainTest {
    private static final Instant FROM = Instant.now().minus(1, ChronoUnit.DAYS);
    private static final Instant UNTIL = Instant.now().plus(1, ChronoUnit.DAYS);

    /** leaf ← intermediate 2 ← intermediate 1 ← the test CA (the trust anchor, not sent). */
    private static CertificateCredentials chainOfThree(String name, KeyPair leafKey) {
        KeyPair first = TestKeys.p256();
        KeyPair second = TestKeys.p256();
        X509Certificate intermediate1 = PublicKeyFixture.certificate("CN=" + name + " intermediate 1", first, "CN=Test CA",
                PublicKeyFixture.CA_KEY.getPrivate(), true, FROM, UNTIL, 220);
        X509Certificate intermediate2 = PublicKeyFixture.certificate("CN=" + name + " intermediate 2", second,
                "CN=" + name + " intermediate 1", first.getPrivate(), true, FROM, UNTIL, 220);
        X509Certificate leaf = PublicKeyFixture.certificate("CN=" + name, leafKey, "CN=" + name + " intermediate 2",
                second.getPrivate(), false, FROM, UNTIL, 220, new GeneralName(GeneralName.dNSName, name));
        return new CertificateCredentials(leafKey.getPrivate(), List.of(leaf, intermediate2, intermediate1),
                Set.of(new TrustAnchor(PublicKeyFixture.CA, null)));
    }

    @Test
    void chainsOfThreeSixHundredByteCertificatesCompleteOverALossyReorderingNetwork() throws Exception {
        CertificateCredentials server = chainOfThree("server.example", PublicKeyFixture.SERVER_KEY);
        CertificateCredentials client = chainOfThree("client.example", PublicKeyFixture.CLIENT_KEY);
        for (X509Certificate certificate : server.chain()) {
            assertThat(certificate.getEncoded().length).isBetween(550, 700);
        }
        DtlsConfig serverConfig = DtlsConfig.builder().credentials(server).retransmission(RetransmissionPolicy.DEFAULT)
                .build();
        DtlsConfig clientConfig = DtlsConfig.builder().credentials(client).retransmission(RetransmissionPolicy.DEFAULT)
                .build();

        int clients = 12;
        DtlsServer dtlsServer = Fixture.server(serverConfig);
        VirtualNetwork network = new VirtualNetwork(dtlsServer, 9, 0.2, 20);
        network.jitter = Fixture.ms(30);
        for (int i = 0; i < clients; i++) {
            network.start(VirtualNetwork.address("10.2.0." + (i + 1), 30000),
                    Fixture.client(clientConfig, 100 + i, Optional.of("server.example")));
        }
        network.run();

        int established = 0;
        for (int i = 0; i < clients; i++) {
            InetSocketAddress address = VirtualNetwork.address("10.2.0." + (i + 1), 30000);
            if (network.clients.get(address).status() == DtlsConnection.Status.ESTABLISHED) {
                established++;
                assertThat(dtlsServer.session(address).orElseThrow().peerPrincipal())
                        .isInstanceOfSatisfying(CertificatePrincipal.class,
                                p -> assertThat(p.dnsNames()).containsExactly("client.example"));
            }
        }
        assertThat(established).as("handshakes completed at 20 %% loss with reordering").isGreaterThanOrEqualTo(clients - 1);
        assertThat(network.delivered).allSatisfy(packet ->
                assertThat(packet.bytes().length).isLessThanOrEqualTo(DtlsConfig.DEFAULT_MAX_DATAGRAM_SIZE));
        long reordered = countReordered(network);
        System.out.println("established " + established + " of " + clients + ", datagrams " + network.delivered.size()
                + ", reordered " + reordered + ", largest " + network.delivered.stream().mapToInt(p -> p.bytes().length).max().orElse(0));
        assertThat(reordered).as("the network did reorder datagrams").isPositive();
    }

    private static long countReordered(VirtualNetwork network) {
        long count = 0;
        for (int i = 1; i < network.delivered.size(); i++) {
            if (network.delivered.get(i).order() < network.delivered.get(i - 1).order()) {
                count++;
            }
        }
        return count;
    }
}
