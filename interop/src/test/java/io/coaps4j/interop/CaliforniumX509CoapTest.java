package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.credentials.CertificatePrincipal;
import io.coaps4j.dtls.credentials.Pem;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Certificate mode against Californium/Scandium 3.13 at the CoAP level, both roles, client authentication
 * needed on both servers: X.509 chains from one CA written by {@code coaps4j keys}, TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8.
 */
class CaliforniumX509CoapTest {
    static {
        DtlsConfig.register();
    }

    @TempDir
    Path dir;

    private X509Certificate ca;

    @BeforeEach
    void keys() throws Exception {
        run("keys", "ca", "--out", dir.resolve("ca").toString());
        run("keys", "cert", "--ca", dir.resolve("ca").toString(), "--out", dir.resolve("server").toString(), "--dns",
                "localhost", "--ip", "127.0.0.1");
        run("keys", "cert", "--ca", dir.resolve("ca").toString(), "--out", dir.resolve("client").toString(),
                "--client", "--name", "device-17");
        ca = Pem.readCertificates(dir.resolve("ca/ca.pem")).get(0);
    }

    @Test
    void californiumClientWithACertificateIsServedByOurServer() throws Exception {
        io.coaps4j.coap.server.CoapServer ours = io.coaps4j.coap.server.CoapServer.builder()
                .connector(DtlsConnector.builder().bind(new InetSocketAddress("127.0.0.1", 0))
                        .credentials(credentials("server")).build())
                .resource(Resource.builder("who").get(request -> CoapResponse.content(
                        request.principal().map(Principal::getName).orElse("nobody"))).build())
                .build().start();
        CoapClient client = new CoapClient("coaps://localhost:" + ours.localAddress().getPort() + "/who");
        try {
            client.setEndpoint(endpoint(DtlsConfig.DtlsRole.CLIENT_ONLY, "client"));
            client.setTimeout(10_000L);

            org.eclipse.californium.core.CoapResponse response = client.get();

            assertThat(response).as("no response over DTLS").isNotNull();
            assertThat(response.getCode()).isEqualTo(ResponseCode.CONTENT);
            assertThat(response.getResponseText()).contains("device-17");
        } finally {
            client.shutdown();
            ours.close();
        }
    }

    @Test
    void ourClientWithACertificateIsServedByACaliforniumServer() throws Exception {
        CoapServer californium = new CoapServer(CaliforniumPeers.configuration());
        californium.addEndpoint(endpoint(DtlsConfig.DtlsRole.SERVER_ONLY, "server"));
        californium.add(new CoapResource("who") {
            @Override
            public void handleGET(CoapExchange exchange) {
                Principal peer = exchange.advanced().getRequest().getSourceContext().getPeerIdentity();
                exchange.respond(peer == null ? "nobody" : peer.getName());
            }
        });
        californium.start();
        io.coaps4j.coap.client.CoapClient ours = io.coaps4j.coap.client.CoapClient.builder()
                .connector(DtlsConnector.builder().bind(new InetSocketAddress(0)).acceptHandshakes(false)
                        .credentials(credentials("client")).build())
                .timeout(Duration.ofSeconds(10)).build();
        try {
            int port = californium.getEndpoints().get(0).getAddress().getPort();

            CoapResponse response = ours.get("coaps://localhost:" + port + "/who");

            assertThat(response.payloadAsString()).as("Californium saw our certificate").contains("device-17");
        } finally {
            ours.close();
            californium.destroy();
        }
    }

    private CertificateCredentials credentials(String name) throws Exception {
        return new CertificateCredentials(Pem.readPrivateKey(dir.resolve(name + "/key.pem")),
                Pem.readCertificates(dir.resolve(name + "/cert.pem")), Set.of(new TrustAnchor(ca, null)));
    }

    /** A Scandium endpoint on loopback with {@code name}'s certificate, trusting the CA, client authentication needed. */
    private CoapEndpoint endpoint(DtlsConfig.DtlsRole role, String name) throws Exception {
        Configuration configuration = CaliforniumPeers.configuration();
        configuration.set(DtlsConfig.DTLS_ROLE, role);
        configuration.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
        configuration.set(DtlsConfig.DTLS_CIPHER_SUITES,
                List.of(org.eclipse.californium.scandium.dtls.cipher.CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8));
        configuration.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NEEDED);
        PrivateKey key = Pem.readPrivateKey(dir.resolve(name + "/key.pem"));
        List<X509Certificate> chain = new ArrayList<>(Pem.readCertificates(dir.resolve(name + "/cert.pem")));
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(configuration)
                .setAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .setCertificateIdentityProvider(new SingleCertificateProvider(key, chain.toArray(new Certificate[0]),
                        CertificateType.X_509))
                .setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
                        .setTrustedCertificates(ca).build())
                .build();
        return new CoapEndpoint.Builder().setConfiguration(configuration).setConnector(new DTLSConnector(dtls)).build();
    }

    private static void run(String... args) {
        CommandLine run = CommandLine.run(args);
        assertThat(run.exitCode()).as("%s", run).isZero();
    }
}
