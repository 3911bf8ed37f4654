package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.cli.keys.CertificateIssuer;
import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.credentials.Pem;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import io.coaps4j.dtls.credentials.RawPublicKeyPrincipal;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Principal;
import java.security.SecureRandom;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libcoap's GnuTLS client with a raw public key ({@code coap-client-gnutls -M}) against our coaps server in the
 * RawPublicKey mode, client authentication needed: GnuTLS lists X.509 before raw public keys for the server's
 * type, yet a client that authenticates with a raw public key must get the server's raw public key.
 */
class LibcoapRpkClientToOurServerTest {
    private static final Duration RUN_LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private CoapServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    @Test
    void gnutlsClientWithARawPublicKeyIsServedAndIdentifiedByItsKey() throws Exception {
        Path gnutls = Libcoap.gnutlsClient();
        KeyPair serverKey = p256();
        KeyPair clientKey = p256();
        Path clientKeyFile = dir.resolve("client-key.pem");
        // GnuTLS reads a raw public key's pair from one file: the private key, then the public key.
        Files.writeString(clientKeyFile, Pem.encodePrivateKey(clientKey) + Pem.encodePublicKey(clientKey.getPublic()));
        // The server also holds a certificate, so that its type is a choice.
        X509Certificate certificate = new CertificateIssuer(new SecureRandom(), Instant.now())
                .selfSignedCa(serverKey, "coaps4j test server", Duration.ofDays(1));
        server = CoapServer.builder()
                .connector(DtlsConnector.builder().bind(new InetSocketAddress("127.0.0.1", 0))
                        .credentials(new RawPublicKeyCredentials(serverKey.getPrivate(), serverKey.getPublic(),
                                Set.of(clientKey.getPublic())))
                        .credentials(new CertificateCredentials(serverKey.getPrivate(), List.of(certificate),
                                Set.of(new TrustAnchor(certificate, null))))
                        .build())
                .resource(Resource.builder("who").get(request -> CoapResponse.content(
                        request.principal().map(Principal::getName).orElse("nobody"))).build())
                .build().start();

        RunningProcess.Result result = RunningProcess.run(RUN_LIMIT, List.of(gnutls.toString(), "-B", "5",
                "-M", clientKeyFile.toString(), "-m", "get",
                "coaps://127.0.0.1:" + server.localAddress().getPort() + "/who"));

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.stdout().trim()).isEqualTo(new RawPublicKeyPrincipal(clientKey.getPublic()).getName());
    }
}
