package io.coaps4j.dtls.engine;

import static io.coaps4j.dtls.engine.EcdheHandshakeTest.client;
import static io.coaps4j.dtls.engine.EcdheHandshakeTest.clientFailure;
import static io.coaps4j.dtls.engine.EcdheHandshakeTest.run;
import static io.coaps4j.dtls.engine.Fixture.CLIENT;
import static io.coaps4j.dtls.engine.PublicKeyFixture.SERVER_KEY;
import static io.coaps4j.dtls.engine.PublicKeyFixture.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.config.ClientAuthentication;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.AnonymousPeer;
import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.credentials.CertificatePrincipal;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import io.coaps4j.dtls.credentials.RawPublicKeyPrincipal;
import java.security.cert.TrustAnchor;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Clients without a key of their own ({@code trustOnly} credentials), in virtual time: they check the server and,
 * asked for a certificate, send an empty one (RFC 5246 section 7.4.6), which a server that wants client
 * authentication accepts as anonymous and one that needs it refuses.
 */
class TrustOnlyClientTest {
    private static DtlsConfig rpkClient() {
        return config(b -> b.credentials(RawPublicKeyCredentials.trustOnly(Set.of(SERVER_KEY.getPublic()))));
    }

    private static DtlsConfig certificateClient() {
        return config(b -> b.credentials(CertificateCredentials.trustOnly(
                Set.of(new TrustAnchor(PublicKeyFixture.CA, null)))));
    }

    @Test
    void aRawPublicKeyClientWithoutAKeyIsServedAnonymouslyWhenAuthenticationIsWanted() {
        VirtualNetwork network = run(config(b -> b.credentials(PublicKeyFixture.serverRpk())
                .clientAuthentication(ClientAuthentication.WANT)), rpkClient(), Optional.empty());

        assertThat(client(network).status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        assertThat(client(network).session().orElseThrow().peerPrincipal())
                .isEqualTo(new RawPublicKeyPrincipal(SERVER_KEY.getPublic()));
        assertThat(network.server.session(CLIENT).orElseThrow().peerPrincipal()).isSameAs(AnonymousPeer.INSTANCE);
    }

    @Test
    void aCertificateClientWithoutACertificateIsServedAnonymouslyWhenAuthenticationIsWanted() {
        VirtualNetwork network = run(config(b -> b.credentials(PublicKeyFixture.serverCertificate())
                .clientAuthentication(ClientAuthentication.WANT)), certificateClient(), Optional.of("server.example"));

        assertThat(client(network).status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        assertThat(client(network).session().orElseThrow().peerPrincipal()).isInstanceOf(CertificatePrincipal.class);
        assertThat(network.server.session(CLIENT).orElseThrow().peerPrincipal()).isSameAs(AnonymousPeer.INSTANCE);
    }

    @Test
    void aServerThatNeedsClientAuthenticationRefusesATrustOnlyClient() {
        VirtualNetwork network = run(config(b -> b.credentials(PublicKeyFixture.serverCertificate())
                .clientAuthentication(ClientAuthentication.NEED)), certificateClient(), Optional.of("server.example"));

        assertThat(client(network).status()).isEqualTo(DtlsConnection.Status.FAILED);
        assertThat(clientFailure(network).alert()).contains(AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void anUntrustedServerKeyFailsCarryingThatKey() {
        DtlsConfig trustsAnother = config(b -> b.credentials(RawPublicKeyCredentials.trustOnly(
                Set.of(PublicKeyFixture.CLIENT_KEY.getPublic()))));
        VirtualNetwork network = run(config(b -> b.credentials(PublicKeyFixture.serverRpk())
                .clientAuthentication(ClientAuthentication.NONE)), trustsAnother, Optional.empty());

        DtlsEvent.Failed failed = clientFailure(network);
        assertThat(failed.alert()).contains(AlertDescription.BAD_CERTIFICATE);
        assertThat(failed.presented().rawPublicKey()).contains(SERVER_KEY.getPublic());
    }

    @Test
    void trustOnlyCredentialsHaveNoKeyToGive() {
        RawPublicKeyCredentials rpk = RawPublicKeyCredentials.trustOnly(Set.of(SERVER_KEY.getPublic()));
        CertificateCredentials certificate = CertificateCredentials.trustOnly(
                Set.of(new TrustAnchor(PublicKeyFixture.CA, null)));

        assertThat(rpk.hasOwnKey()).isFalse();
        assertThat(certificate.hasOwnKey()).isFalse();
        assertThat(PublicKeyFixture.serverRpk().hasOwnKey()).isTrue();
        assertThatThrownBy(rpk::privateKey).isInstanceOf(IllegalStateException.class).hasMessageContaining("trust-only");
        assertThatThrownBy(certificate::chain).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("trust-only");
        assertThat(rpk.toString()).contains("trust only");
        assertThatThrownBy(() -> CertificateCredentials.trustOnly(Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RawPublicKeyCredentials.trustOnly(Set.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
