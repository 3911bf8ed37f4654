package io.coaps4j.dtls.credentials;

import io.coaps4j.dtls.crypto.ConnectionEnd;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.coaps4j.dtls.credentials.TestCertificates.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checks every new connection runs on the peer's chain: RFC 5280 section 6, RFC 7252 section 9.1.3.3. */
class CertificateTrustTest {
    private static final KeyPair ROOT_KEYS = TestKeys.p256();
    private static final KeyPair INTERMEDIATE_KEYS = TestKeys.p256();
    private static final KeyPair LEAF_KEYS = TestKeys.p256();
    private static final KeyPair OWN_KEYS = TestKeys.p256();
    private static final X509Certificate ROOT = TestCertificates.root("CN=Test Root", ROOT_KEYS);
    private static final X509Certificate INTERMEDIATE = TestCertificates.of("CN=Test Intermediate", INTERMEDIATE_KEYS)
            .issuedBy(ROOT, ROOT_KEYS.getPrivate()).ca().build();
    private static final X509Certificate OWN = TestCertificates.of("CN=own", OWN_KEYS)
            .issuedBy(ROOT, ROOT_KEYS.getPrivate()).build();

    private static CertificateCredentials trusting(X509Certificate anchor) {
        return CertificateCredentials.builder().add(OWN_KEYS.getPrivate(), List.of(OWN))
                .trustAnchors(List.of(anchor)).build();
    }

    private static final CertificateCredentials TRUST = trusting(ROOT);

    private static TestCertificates leaf() {
        return TestCertificates.of("CN=server.example", LEAF_KEYS).issuedBy(INTERMEDIATE, INTERMEDIATE_KEYS.getPrivate())
                .dns("server.example");
    }

    private static PeerCertificateException refusal(List<X509Certificate> chain, ConnectionEnd peer,
                                                    Optional<String> name) {
        try {
            TRUST.validatePeer(chain, peer, name, NOW);
        } catch (PeerCertificateException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a PeerCertificateException, got " + e, e);
        }
        throw new AssertionError("the chain was accepted");
    }

    @Test
    void aChainThroughAnIntermediateValidatesWithOrWithoutItsRoot() throws Exception {
        X509Certificate leaf = leaf().uri("coaps://server.example").build();

        CertificatePrincipal principal = TRUST.validatePeer(List.of(leaf, INTERMEDIATE), ConnectionEnd.SERVER,
                Optional.of("server.example"), NOW);
        CertificatePrincipal withRoot = TRUST.validatePeer(List.of(leaf, INTERMEDIATE, ROOT), Optional.of("server.example"), NOW);

        assertThat(principal.getName()).isEqualTo("CN=server.example");
        assertThat(principal.dnsNames()).containsExactly("server.example");
        assertThat(principal.uris()).containsExactly("coaps://server.example");
        assertThat(withRoot).isEqualTo(principal);
    }

    @Test
    void anExpiredOrNotYetValidCertificateIsRefusedAsExpiredWithDistinctMessages() {
        X509Certificate expired = leaf().valid(NOW.minus(30, ChronoUnit.DAYS), NOW.minus(1, ChronoUnit.DAYS)).build();
        X509Certificate notYet = leaf().valid(NOW.plus(1, ChronoUnit.DAYS), NOW.plus(30, ChronoUnit.DAYS)).build();
        X509Certificate expiredIntermediate = TestCertificates.of("CN=Old Intermediate", INTERMEDIATE_KEYS)
                .issuedBy(ROOT, ROOT_KEYS.getPrivate()).ca().valid(NOW.minus(30, ChronoUnit.DAYS), NOW.minusSeconds(1)).build();
        X509Certificate underExpired = TestCertificates.of("CN=server.example", LEAF_KEYS)
                .issuedBy(expiredIntermediate, INTERMEDIATE_KEYS.getPrivate()).build();

        PeerCertificateException past = refusal(List.of(expired, INTERMEDIATE), ConnectionEnd.SERVER, Optional.empty());
        PeerCertificateException future = refusal(List.of(notYet, INTERMEDIATE), ConnectionEnd.SERVER, Optional.empty());
        PeerCertificateException below = refusal(List.of(underExpired, expiredIntermediate), ConnectionEnd.SERVER,
                Optional.empty());

        assertThat(past.problem()).isEqualTo(CertificateProblem.EXPIRED);
        assertThat(past).hasMessageContaining("certificate 0 (CN=server.example) expired at");
        assertThat(future.problem()).isEqualTo(CertificateProblem.EXPIRED);
        assertThat(future).hasMessageContaining("is not valid before");
        assertThat(below.problem()).isEqualTo(CertificateProblem.EXPIRED);
        assertThat(below).hasMessageContaining("certificate 1 (CN=Old Intermediate) expired at");
    }

    @Test
    void validityIsCheckedAtTheInjectedTimeNotTheClock() throws Exception {
        X509Certificate later = leaf().valid(NOW.plus(100, ChronoUnit.DAYS), NOW.plus(200, ChronoUnit.DAYS)).build();

        assertThat(TRUST.validatePeer(List.of(later, INTERMEDIATE), ConnectionEnd.SERVER, Optional.empty(),
                NOW.plus(150, ChronoUnit.DAYS)).getName()).isEqualTo("CN=server.example");
        assertThat(refusal(List.of(later, INTERMEDIATE), ConnectionEnd.SERVER, Optional.empty()).problem())
                .isEqualTo(CertificateProblem.EXPIRED);
    }

    @Test
    void aSelfSignedOrUnknownIssuerIsUntrusted() {
        KeyPair strangerKeys = TestKeys.p256();
        X509Certificate selfSigned = TestCertificates.of("CN=server.example", LEAF_KEYS).dns("server.example").build();
        X509Certificate strangeRoot = TestCertificates.root("CN=Stranger Root", strangerKeys);
        X509Certificate byStranger = TestCertificates.of("CN=server.example", LEAF_KEYS)
                .issuedBy(strangeRoot, strangerKeys.getPrivate()).build();
        X509Certificate forgedIntermediate = TestCertificates.of("CN=Test Intermediate", strangerKeys)
                .issuedBy(ROOT, strangerKeys.getPrivate()).ca().build();
        X509Certificate underForged = leaf().build();

        PeerCertificateException self = refusal(List.of(selfSigned), ConnectionEnd.SERVER, Optional.empty());
        assertThat(self.problem()).isEqualTo(CertificateProblem.UNTRUSTED);
        assertThat(self).hasMessageContaining("CN=server.example is self-signed and not a trust anchor");
        PeerCertificateException stranger = refusal(List.of(byStranger, strangeRoot), ConnectionEnd.SERVER, Optional.empty());
        assertThat(stranger.problem()).isEqualTo(CertificateProblem.UNTRUSTED);
        assertThat(refusal(List.of(byStranger), ConnectionEnd.SERVER, Optional.empty()))
                .hasMessageContaining("its issuer CN=Stranger Root is not a trust anchor");
        // the right names, the wrong signature: the forged intermediate's signature does not verify with the root's key
        assertThat(refusal(List.of(underForged, forgedIntermediate), ConnectionEnd.SERVER, Optional.empty()).problem())
                .isEqualTo(CertificateProblem.UNTRUSTED);
        assertThat(refusal(List.of(), ConnectionEnd.CLIENT, Optional.empty()))
                .hasMessage("the peer sent no certificate");
    }

    @Test
    void anIntermediateThatIsNotACaIsUntrusted() {
        X509Certificate notCa = TestCertificates.of("CN=Not A CA", INTERMEDIATE_KEYS).issuedBy(ROOT, ROOT_KEYS.getPrivate())
                .build();
        X509Certificate under = TestCertificates.of("CN=server.example", LEAF_KEYS)
                .issuedBy(notCa, INTERMEDIATE_KEYS.getPrivate()).build();

        PeerCertificateException e = refusal(List.of(under, notCa), ConnectionEnd.SERVER, Optional.empty());

        assertThat(e.problem()).isEqualTo(CertificateProblem.UNTRUSTED);
        assertThat(e).hasMessageContaining("CN=Not A CA");
    }

    @Test
    void aCaWhoseKeyUsageForbidsCertificateSigningIsUntrusted() {
        X509Certificate signingOnly = TestCertificates.of("CN=Signing Only CA", INTERMEDIATE_KEYS)
                .issuedBy(ROOT, ROOT_KEYS.getPrivate()).ca().keyUsage(KeyUsage.digitalSignature).build();
        X509Certificate under = TestCertificates.of("CN=server.example", LEAF_KEYS)
                .issuedBy(signingOnly, INTERMEDIATE_KEYS.getPrivate()).build();

        PeerCertificateException e = refusal(List.of(under, signingOnly), ConnectionEnd.SERVER, Optional.empty());

        assertThat(e.problem()).isEqualTo(CertificateProblem.UNTRUSTED);
        assertThat(e).hasMessageContaining("CN=Signing Only CA");
    }

    @Test
    void aCaPathLengthConstraintIsEnforced() {
        KeyPair midKeys = TestKeys.p256();
        X509Certificate constrained = TestCertificates.of("CN=Constrained", INTERMEDIATE_KEYS)
                .issuedBy(ROOT, ROOT_KEYS.getPrivate()).caPathLength(0).build();
        X509Certificate mid = TestCertificates.of("CN=Mid", midKeys).issuedBy(constrained, INTERMEDIATE_KEYS.getPrivate())
                .ca().build();
        X509Certificate under = TestCertificates.of("CN=server.example", LEAF_KEYS).issuedBy(mid, midKeys.getPrivate()).build();

        assertThat(refusal(List.of(under, mid, constrained), ConnectionEnd.SERVER, Optional.empty()).problem())
                .isEqualTo(CertificateProblem.UNTRUSTED);
    }

    @Test
    void theEndEntityMustAllowDigitalSignatureAndHaveAP256Key() {
        X509Certificate keyAgreementOnly = leaf().keyUsage(KeyUsage.keyAgreement).build();
        KeyPair rsa = TestKeys.rsa();
        X509Certificate rsaLeaf = TestCertificates.of("CN=rsa", rsa).issuedBy(INTERMEDIATE, INTERMEDIATE_KEYS.getPrivate())
                .build();

        PeerCertificateException usage = refusal(List.of(keyAgreementOnly, INTERMEDIATE), ConnectionEnd.SERVER,
                Optional.empty());
        PeerCertificateException key = refusal(List.of(rsaLeaf, INTERMEDIATE), ConnectionEnd.CLIENT, Optional.empty());

        assertThat(usage.problem()).isEqualTo(CertificateProblem.BAD_KEY_USAGE);
        assertThat(usage).hasMessageContaining("keyUsage without digitalSignature");
        assertThat(key.problem()).isEqualTo(CertificateProblem.BAD_KEY_USAGE);
        assertThat(key).hasMessageContaining("RSA key");
    }

    @Test
    void anExtendedKeyUsageMustAllowThePeersRole() throws Exception {
        X509Certificate clientOnly = leaf().keyUsage(KeyUsage.digitalSignature)
                .extendedKeyUsage(KeyPurposeId.id_kp_clientAuth).build();
        X509Certificate serverOnly = leaf().extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).build();
        X509Certificate anyUsage = leaf().extendedKeyUsage(KeyPurposeId.anyExtendedKeyUsage).build();
        X509Certificate emailOnly = leaf().extendedKeyUsage(KeyPurposeId.id_kp_emailProtection).build();
        List<X509Certificate> asClient = List.of(clientOnly, INTERMEDIATE);

        PeerCertificateException asServer = refusal(asClient, ConnectionEnd.SERVER, Optional.empty());
        assertThat(asServer.problem()).isEqualTo(CertificateProblem.BAD_KEY_USAGE);
        assertThat(asServer).hasMessageContaining("without serverAuth");
        assertThat(TRUST.validatePeer(asClient, ConnectionEnd.CLIENT, Optional.empty(), NOW)).isNotNull();
        assertThat(refusal(List.of(serverOnly, INTERMEDIATE), ConnectionEnd.CLIENT, Optional.empty()).problem())
                .isEqualTo(CertificateProblem.BAD_KEY_USAGE);
        assertThat(TRUST.validatePeer(List.of(anyUsage, INTERMEDIATE), ConnectionEnd.SERVER, Optional.empty(), NOW)).isNotNull();
        // the signature without a role: a name means the peer is a server; without one either role will do
        assertThat(TRUST.validatePeer(asClient, Optional.empty(), NOW)).isNotNull();
        assertThatThrownBy(() -> TRUST.validatePeer(asClient, Optional.of("server.example"), NOW))
                .isInstanceOfSatisfying(PeerCertificateException.class,
                        e -> assertThat(e.problem()).isEqualTo(CertificateProblem.BAD_KEY_USAGE));
        assertThatThrownBy(() -> TRUST.validatePeer(List.of(emailOnly, INTERMEDIATE), Optional.empty(), NOW))
                .hasMessageContaining("without serverAuth or clientAuth");
    }

    @Test
    void aChainOverTheLimitIsRefusedBeforeAnySignatureIsChecked() throws Exception {
        List<KeyPair> keys = new ArrayList<>();
        List<X509Certificate> cas = new ArrayList<>();
        X509Certificate issuer = ROOT;
        KeyPair issuerKeys = ROOT_KEYS;
        for (int i = 1; i <= 5; i++) {
            KeyPair next = TestKeys.p256();
            X509Certificate ca = TestCertificates.of("CN=CA " + i, next).issuedBy(issuer, issuerKeys.getPrivate()).ca().build();
            keys.add(next);
            cas.add(0, ca);
            issuer = ca;
            issuerKeys = next;
        }
        X509Certificate leaf = TestCertificates.of("CN=deep", LEAF_KEYS).issuedBy(issuer, issuerKeys.getPrivate()).build();
        List<X509Certificate> six = new ArrayList<>(cas);
        six.add(0, leaf);

        PeerCertificateException tooLong = refusal(six, ConnectionEnd.CLIENT, Optional.empty());
        assertThat(tooLong.problem()).isEqualTo(CertificateProblem.TOO_LONG);
        assertThat(tooLong).hasMessage("the peer's chain holds 6 certificates, more than the limit of 5");
        assertThat(TRUST.maxChainLength()).isEqualTo(CertificateCredentials.DEFAULT_MAX_CHAIN_LENGTH).isEqualTo(5);

        CertificateCredentials deeper = CertificateCredentials.builder().add(OWN_KEYS.getPrivate(), List.of(OWN))
                .trustAnchors(List.of(ROOT)).maxChainLength(6).build();
        assertThat(deeper.validatePeer(six, ConnectionEnd.CLIENT, Optional.empty(), NOW).getName()).isEqualTo("CN=deep");
        assertThatThrownBy(() -> CertificateCredentials.builder().add(OWN_KEYS.getPrivate(), List.of(OWN))
                .trustAnchors(List.of(ROOT)).maxChainLength(0).build()).hasMessageContaining("maxChainLength");
    }

    @Test
    void aChainOutOfOrderIsMalformed() {
        PeerCertificateException e = refusal(List.of(INTERMEDIATE, leaf().build()), ConnectionEnd.SERVER, Optional.empty());

        assertThat(e.problem()).isEqualTo(CertificateProblem.MALFORMED);
        assertThat(e).hasMessageContaining("out of order");
    }

    @Test
    void theServerMustBeNamedByTheHostTheClientUsed() throws Exception {
        List<X509Certificate> chain = List.of(leaf().build(), INTERMEDIATE);

        PeerCertificateException e = refusal(chain, ConnectionEnd.SERVER, Optional.of("other.example"));

        assertThat(e.problem()).isEqualTo(CertificateProblem.NAME_MISMATCH);
        assertThat(e).hasMessageContaining("does not name other.example");
        assertThat(TRUST.validatePeer(chain, ConnectionEnd.SERVER, Optional.of("SERVER.example"), NOW)).isNotNull();
        assertThat(refusal(chain, ConnectionEnd.SERVER, Optional.of("not a host!")).problem())
                .isEqualTo(CertificateProblem.NAME_MISMATCH);
    }

    @Test
    void aServerPicksItsChainBySniAndFallsBackToTheFirst() {
        KeyPair aKeys = TestKeys.p256();
        KeyPair bKeys = TestKeys.p256();
        X509Certificate a = TestCertificates.of("CN=a", aKeys).issuedBy(ROOT, ROOT_KEYS.getPrivate()).dns("a.example").build();
        X509Certificate b = TestCertificates.of("CN=b", bKeys).issuedBy(ROOT, ROOT_KEYS.getPrivate())
                .dns("*.b.example").uri("coaps://b.example").build();
        CertificateCredentials server = CertificateCredentials.builder().add(aKeys.getPrivate(), List.of(a))
                .add(bKeys.getPrivate(), List.of(b, ROOT)).trustAnchors(List.of(ROOT)).build();

        assertThat(server.chainFor(Optional.of("b.example")).chain()).containsExactly(b, ROOT);
        assertThat(server.chainFor(Optional.of("Device.B.Example.")).privateKey()).isEqualTo(bKeys.getPrivate());
        assertThat(server.chainFor(Optional.of("a.example")).certificate()).isEqualTo(a);
        assertThat(server.chainFor(Optional.of("c.example")).certificate()).isEqualTo(a);
        assertThat(server.chainFor(Optional.empty()).certificate()).isEqualTo(a);
        assertThat(server.privateKey()).isEqualTo(aKeys.getPrivate());
        assertThat(server.chain()).containsExactly(a);
        assertThat(server.certifiedKeys()).hasSize(2);
        assertThat(server.toString()).contains("and 1 more chains").contains("private key hidden");
    }

    @Test
    void ownChainsAreCheckedWhenMade() {
        assertThatThrownBy(() -> new CertifiedKey(LEAF_KEYS.getPrivate(), List.of(OWN)))
                .hasMessageContaining("privateKey is not the key of chain[0]");
        assertThatThrownBy(() -> CertificateCredentials.builder().trustAnchors(List.of(ROOT)).build())
                .hasMessageContaining("at least one chain");
        assertThatThrownBy(() -> CertificateCredentials.builder().add(OWN_KEYS.getPrivate(), List.of(OWN)).build())
                .hasMessageContaining("trustAnchors");
    }

    @Test
    void aSelfSignedPeerCertificateTrustedAsItsOwnAnchorValidates() throws Exception {
        X509Certificate pinned = TestCertificates.of("CN=pinned.example", LEAF_KEYS).dns("pinned.example").build();
        CertificateCredentials pinning = trusting(pinned);

        assertThat(pinning.validatePeer(List.of(pinned), ConnectionEnd.SERVER, Optional.of("pinned.example"), NOW)
                .getName()).isEqualTo("CN=pinned.example");
        assertThatThrownBy(() -> pinning.validatePeer(List.of(leaf().build(), INTERMEDIATE), ConnectionEnd.SERVER,
                Optional.empty(), NOW)).isInstanceOfSatisfying(PeerCertificateException.class,
                        e -> assertThat(e.problem()).isEqualTo(CertificateProblem.UNTRUSTED));
    }
}
