package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.config.ClientAuthentication;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.AnonymousPeer;
import io.coaps4j.dtls.credentials.CertificateCredentials;
import io.coaps4j.dtls.credentials.TestKeys;
import io.coaps4j.dtls.crypto.JcaEcdsa;
import io.coaps4j.dtls.crypto.PublicKeys;
import io.coaps4j.dtls.engine.PublicKeyFixture;
import io.coaps4j.dtls.handshake.StateDriver.Outcome;
import io.coaps4j.dtls.handshake.StateDriver.Side;
import io.coaps4j.dtls.handshake.client.ClientKeys;
import io.coaps4j.dtls.handshake.message.CertificateMessage;
import io.coaps4j.dtls.handshake.message.CertificateType;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.EcdhClientKeyExchange;
import io.coaps4j.dtls.handshake.message.EcdheServerKeyExchange;
import io.coaps4j.dtls.handshake.message.Extension;
import io.coaps4j.dtls.handshake.message.ExtensionType;
import io.coaps4j.dtls.handshake.message.Extensions;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.ServerHello;
import io.coaps4j.dtls.handshake.message.WireWriter;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static io.coaps4j.dtls.engine.PublicKeyFixture.SERVER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad inputs of the ECDHE_ECDSA handshake (issue 8 items 1 and 8), each made by an attacker rewriting one
 * message between a real client and a real server, each ending with its exact fatal alert at the side that
 * must notice.
 */
class EcdheAttackTest {
    private static final byte[] P256_ORDER = HexFormat.of().parseHex(
            "00FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

    private static DtlsConfig config(Consumer<DtlsConfig.Builder> tweak) {
        return PublicKeyFixture.config(tweak);
    }

    private static Outcome rpk(StateDriver.Tamper tamper) {
        return rpk(b -> { }, tamper);
    }

    private static Outcome rpk(Consumer<DtlsConfig.Builder> serverTweak, StateDriver.Tamper tamper) {
        DtlsConfig client = config(b -> b.credentials(PublicKeyFixture.clientRpk()));
        DtlsConfig server = config(b -> {
            b.credentials(PublicKeyFixture.serverRpk());
            serverTweak.accept(b);
        });
        return new StateDriver(client, server, 7).run(keys(client), Optional.empty(), tamper);
    }

    private static Outcome certificates(DtlsConfig client, DtlsConfig server, StateDriver.Tamper tamper) {
        return new StateDriver(client, server, 7).run(keys(client), Optional.of("server.example"), tamper);
    }

    private static ClientKeys keys(DtlsConfig config) {
        return ClientKeys.resolve(config, new java.net.InetSocketAddress("10.0.0.1", 5684), Optional.empty());
    }

    private static void assertFailed(Outcome outcome, Side side, AlertDescription alert) {
        assertThat(outcome.failedSide()).as(outcome.failure()).contains(side);
        assertThat(outcome.alert()).as(outcome.failure()).contains(alert);
        assertThat(outcome.completed()).isFalse();
    }

    @Test
    void untouchedHandshakesComplete() {
        assertThat(rpk((from, type, body) -> body).completed()).isTrue();
        assertThat(certificates(config(b -> b.credentials(PublicKeyFixture.clientCertificate())),
                config(b -> b.credentials(PublicKeyFixture.serverCertificate())), (from, type, body) -> body).completed())
                .isTrue();
    }

    @Test
    void anEmptyClientCertificateWhenAuthenticationIsNeededIsAHandshakeFailure() {
        Outcome outcome = rpk((from, type, body) -> from == Side.CLIENT && type == HandshakeType.CERTIFICATE
                ? CertificateMessage.empty(CertificateType.RAW_PUBLIC_KEY).encodeBody() : body);
        assertFailed(outcome, Side.SERVER, AlertDescription.HANDSHAKE_FAILURE);
    }

    @Test
    void aSkippedClientCertificateIsAnUnexpectedMessage() {
        Outcome outcome = rpk((from, type, body) -> from == Side.CLIENT && type == HandshakeType.CERTIFICATE ? null : body);
        assertFailed(outcome, Side.SERVER, AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void aMissingCertificateVerifyIsAnUnexpectedMessage() {
        Outcome outcome = rpk((from, type, body) -> from == Side.CLIENT && type == HandshakeType.CERTIFICATE_VERIFY
                ? null : body);
        assertFailed(outcome, Side.SERVER, AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void aCertificateVerifyWithAWrongSignatureIsADecryptError() {
        KeyPair other = TestKeys.p256();
        Outcome outcome = rpk((from, type, body) -> from == Side.CLIENT && type == HandshakeType.CERTIFICATE_VERIFY
                ? signatureBody(JcaEcdsa.signer(other.getPrivate()).sign(new byte[] {1, 2, 3})) : body);
        assertFailed(outcome, Side.SERVER, AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void ecdsaSignaturesWithROrSOutsideOneToNMinusOneAreDecryptErrors() {
        List<byte[]> outOfRange = List.of(
                der(new byte[] {0}, new byte[] {1}),                       // r = 0
                der(new byte[] {1}, new byte[] {0}),                       // s = 0
                der(new byte[] {1}, P256_ORDER),                          // s = n
                der(P256_ORDER, new byte[] {1}),                          // r = n
                der(new byte[] {1}, new BigInteger(1, P256_ORDER).add(BigInteger.ONE).toByteArray())); // s = n + 1
        for (byte[] signature : outOfRange) {
            Outcome client = rpk((from, type, body) -> from == Side.CLIENT && type == HandshakeType.CERTIFICATE_VERIFY
                    ? signatureBody(signature) : body);
            assertFailed(client, Side.SERVER, AlertDescription.DECRYPT_ERROR);
            Outcome server = rpk((from, type, body) -> from == Side.SERVER && type == HandshakeType.SERVER_KEY_EXCHANGE
                    ? withSignature(EcdheServerKeyExchange.decode(body), signature) : body);
            assertFailed(server, Side.CLIENT, AlertDescription.DECRYPT_ERROR);
        }
    }

    @Test
    void aServerKeyExchangeSignedByAnotherKeyIsADecryptError() {
        KeyPair other = TestKeys.p256();
        Outcome outcome = rpk((from, type, body) -> from == Side.SERVER && type == HandshakeType.SERVER_KEY_EXCHANGE
                ? withSignature(EcdheServerKeyExchange.decode(body), JcaEcdsa.signer(other.getPrivate()).sign(body)) : body);
        assertFailed(outcome, Side.CLIENT, AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void aServerKeyExchangeSignedOverOtherRandomsIsADecryptError() {
        // The server's real key signs the real parameters, but with the randoms of another handshake: a replay.
        Outcome outcome = rpk((from, type, body) -> {
            if (from != Side.SERVER || type != HandshakeType.SERVER_KEY_EXCHANGE) {
                return body;
            }
            EcdheServerKeyExchange original = EcdheServerKeyExchange.decode(body);
            byte[] signed = EcdheServerKeyExchange.signedContent(new byte[32], new byte[32], original.params());
            return withSignature(original, JcaEcdsa.signer(SERVER_KEY.getPrivate()).sign(signed));
        });
        assertFailed(outcome, Side.CLIENT, AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void aServerPointOffTheCurveOrAtInfinityIsAnIllegalParameter() {
        for (boolean infinity : new boolean[] {false, true}) {
            byte[][] randoms = new byte[2][];
            Outcome outcome = rpk((from, type, body) -> {
                if (type == HandshakeType.CLIENT_HELLO) {
                    randoms[0] = ClientHello.decode(body).random();
                } else if (type == HandshakeType.SERVER_HELLO) {
                    randoms[1] = ServerHello.decode(body).random();
                } else if (type == HandshakeType.SERVER_KEY_EXCHANGE) {
                    // Correctly signed by the server's key, so only the point check can catch it.
                    EcdheServerKeyExchange original = EcdheServerKeyExchange.decode(body);
                    byte[] point = infinity ? new byte[] {0} : offCurve(original.point());
                    byte[] params = EcdheServerKeyExchange.params(original.namedCurve(), point);
                    byte[] signature = JcaEcdsa.signer(SERVER_KEY.getPrivate())
                            .sign(EcdheServerKeyExchange.signedContent(randoms[0], randoms[1], params));
                    return new EcdheServerKeyExchange(original.namedCurve(), point, original.signatureAlgorithm(),
                            signature).encodeBody();
                }
                return body;
            });
            assertFailed(outcome, Side.CLIENT, AlertDescription.ILLEGAL_PARAMETER);
        }
    }

    @Test
    void aClientPointOffTheCurveOrAtInfinityIsAnIllegalParameter() {
        Outcome offCurve = rpk((from, type, body) -> type == HandshakeType.CLIENT_KEY_EXCHANGE
                ? new EcdhClientKeyExchange(offCurve(EcdhClientKeyExchange.decode(body).point())).encodeBody() : body);
        assertFailed(offCurve, Side.SERVER, AlertDescription.ILLEGAL_PARAMETER);
        Outcome infinity = rpk((from, type, body) -> type == HandshakeType.CLIENT_KEY_EXCHANGE
                ? new EcdhClientKeyExchange(new byte[] {0}).encodeBody() : body);
        assertFailed(infinity, Side.SERVER, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void anUntrustedRawPublicKeyIsABadCertificateOnEitherSide() {
        KeyPair stranger = TestKeys.p256();
        byte[] strangerKey = CertificateMessage.rawPublicKey(PublicKeys.subjectPublicKeyInfo(stranger.getPublic())).encodeBody();
        assertFailed(rpk((from, type, body) -> from == Side.SERVER && type == HandshakeType.CERTIFICATE ? strangerKey : body),
                Side.CLIENT, AlertDescription.BAD_CERTIFICATE);
        assertFailed(rpk((from, type, body) -> from == Side.CLIENT && type == HandshakeType.CERTIFICATE ? strangerKey : body),
                Side.SERVER, AlertDescription.BAD_CERTIFICATE);
    }

    @Test
    void anX509ChainWhereARawPublicKeyWasNegotiatedIsRefused() {
        byte[] chain = CertificateMessage.x509(List.of(encoded(PublicKeyFixture.leaf("CN=server", SERVER_KEY,
                "server.example")))).encodeBody();
        assertFailed(rpk((from, type, body) -> from == Side.SERVER && type == HandshakeType.CERTIFICATE ? chain : body),
                Side.CLIENT, AlertDescription.BAD_CERTIFICATE);
    }

    @Test
    void aRawPublicKeyWhereX509WasNegotiatedIsADecodeError() {
        byte[] key = CertificateMessage.rawPublicKey(PublicKeys.subjectPublicKeyInfo(SERVER_KEY.getPublic())).encodeBody();
        Outcome outcome = certificates(config(b -> b.credentials(PublicKeyFixture.clientCertificate())),
                config(b -> b.credentials(PublicKeyFixture.serverCertificate())),
                (from, type, body) -> from == Side.SERVER && type == HandshakeType.CERTIFICATE ? key : body);
        assertFailed(outcome, Side.CLIENT, AlertDescription.DECODE_ERROR);
    }

    @Test
    void aCertificateTypeTheClientDidNotOfferIsAnUnsupportedCertificate() {
        for (int chosen : new int[] {CertificateType.X509.code(), 1}) {
            Outcome outcome = rpk((from, type, body) -> type == HandshakeType.SERVER_HELLO
                    ? withServerCertificateType(ServerHello.decode(body), chosen) : body);
            assertFailed(outcome, Side.CLIENT, AlertDescription.UNSUPPORTED_CERTIFICATE);
        }
    }

    @Test
    void aCertificateMessageWhoseInnerLengthsLieIsADecodeError() {
        byte[] der = encoded(PublicKeyFixture.leaf("CN=server", SERVER_KEY, "server.example"));
        List<byte[]> lies = new ArrayList<>();
        lies.add(certificateBody(der.length + 3, der.length + 1, der));   // the certificate claims a byte more than there is
        lies.add(certificateBody(der.length + 3, der.length - 1, der));   // a byte less: the rest is read as another certificate
        lies.add(certificateBody(der.length + 4, der.length, der));       // the list claims more than the message holds
        for (byte[] lie : lies) {
            Outcome outcome = certificates(config(b -> b.credentials(PublicKeyFixture.clientCertificate())),
                    config(b -> b.credentials(PublicKeyFixture.serverCertificate())),
                    (from, type, body) -> from == Side.SERVER && type == HandshakeType.CERTIFICATE ? lie : body);
            assertFailed(outcome, Side.CLIENT, AlertDescription.DECODE_ERROR);
        }
        byte[] shortKey = new WireWriter().uint24(200).bytes(new byte[91]).toByteArray();
        assertFailed(rpk((from, type, body) -> from == Side.CLIENT && type == HandshakeType.CERTIFICATE ? shortKey : body),
                Side.SERVER, AlertDescription.DECODE_ERROR);
    }

    @Test
    void anExpiredNotYetValidOrUnanchoredChainIsRefusedWithItsAlert() {
        DtlsConfig client = config(b -> b.credentials(PublicKeyFixture.clientCertificate()));
        Clock later = Clock.fixed(Instant.now().plus(30, ChronoUnit.DAYS), ZoneOffset.UTC);
        Clock earlier = Clock.fixed(Instant.now().minus(30, ChronoUnit.DAYS), ZoneOffset.UTC);
        assertFailed(certificates(config(b -> b.credentials(PublicKeyFixture.clientCertificate()).clock(later)),
                config(b -> b.credentials(PublicKeyFixture.serverCertificate())), (f, t, body) -> body),
                Side.CLIENT, AlertDescription.CERTIFICATE_EXPIRED);
        assertFailed(certificates(config(b -> b.credentials(PublicKeyFixture.clientCertificate()).clock(earlier)),
                config(b -> b.credentials(PublicKeyFixture.serverCertificate())), (f, t, body) -> body),
                Side.CLIENT, AlertDescription.CERTIFICATE_EXPIRED);

        KeyPair rogue = TestKeys.p256();
        X509Certificate selfSigned = PublicKeyFixture.certificate("CN=server", SERVER_KEY, "CN=server", SERVER_KEY.getPrivate(),
                false, Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(1, ChronoUnit.DAYS), 0);
        X509Certificate rogueCa = PublicKeyFixture.certificate("CN=Rogue", rogue, "CN=Rogue", rogue.getPrivate(), true,
                Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(1, ChronoUnit.DAYS), 0);
        CertificateCredentials selfSignedServer = new CertificateCredentials(SERVER_KEY.getPrivate(), List.of(selfSigned),
                Set.of(new TrustAnchor(PublicKeyFixture.CA, null)));
        assertFailed(certificates(client, config(b -> b.credentials(selfSignedServer)), (f, t, body) -> body),
                Side.CLIENT, AlertDescription.UNKNOWN_CA);
        CertificateCredentials rogueServer = new CertificateCredentials(SERVER_KEY.getPrivate(),
                List.of(PublicKeyFixture.certificate("CN=server", SERVER_KEY, "CN=Rogue", rogue.getPrivate(), false,
                        Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(1, ChronoUnit.DAYS), 0,
                        new org.bouncycastle.asn1.x509.GeneralName(2, "server.example")), rogueCa),
                Set.of(new TrustAnchor(PublicKeyFixture.CA, null)));
        assertFailed(certificates(client, config(b -> b.credentials(rogueServer)), (f, t, body) -> body),
                Side.CLIENT, AlertDescription.UNKNOWN_CA);
    }

    @Test
    void clientAuthenticationNoneSendsNoCertificateRequest() {
        List<HandshakeType> serverMessages = new ArrayList<>();
        Outcome outcome = rpk(b -> b.clientAuthentication(ClientAuthentication.NONE), (from, type, body) -> {
            if (from == Side.SERVER) {
                serverMessages.add(type);
            }
            return body;
        });
        assertThat(outcome.completed()).isTrue();
        assertThat(serverMessages).doesNotContain(HandshakeType.CERTIFICATE_REQUEST);
        assertThat(outcome.serverSession().orElseThrow().peer()).isSameAs(AnonymousPeer.INSTANCE);
    }

    private static byte[] signatureBody(byte[] signature) {
        return new WireWriter().uint16(0x0403).vector16(signature).toByteArray();
    }

    private static byte[] withSignature(EcdheServerKeyExchange original, byte[] signature) {
        return new EcdheServerKeyExchange(original.namedCurve(), original.point(), original.signatureAlgorithm(),
                signature).encodeBody();
    }

    /** DER {@code SEQUENCE { INTEGER r, INTEGER s }} of the given unsigned big-endian values, as given. */
    private static byte[] der(byte[] r, byte[] s) {
        WireWriter out = new WireWriter();
        out.uint8(0x30).uint8(4 + r.length + s.length);
        out.uint8(0x02).uint8(r.length).bytes(r);
        out.uint8(0x02).uint8(s.length).bytes(s);
        return out.toByteArray();
    }

    private static byte[] offCurve(byte[] point) {
        byte[] moved = point.clone();
        moved[moved.length - 1] ^= 1; // y changes, x stays: no longer on the curve
        return moved;
    }

    private static byte[] withServerCertificateType(ServerHello hello, int chosen) {
        List<Extension> extensions = new ArrayList<>();
        for (Extension extension : hello.extensions().list()) {
            if (extension.type() != ExtensionType.SERVER_CERTIFICATE_TYPE) {
                extensions.add(extension);
            }
        }
        extensions.add(new Extension(ExtensionType.SERVER_CERTIFICATE_TYPE, new byte[] {(byte) chosen}));
        return new ServerHello(hello.serverVersion(), hello.random(), hello.sessionId(), hello.cipherSuite(),
                hello.compressionMethod(), Extensions.of(extensions)).encodeBody();
    }

    private static byte[] certificateBody(int listLength, int certificateLength, byte[] der) {
        return new WireWriter().uint24(listLength).uint24(certificateLength).bytes(der).toByteArray();
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
