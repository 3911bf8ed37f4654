package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;
import io.coaps4j.dtls.crypto.EcdsaSignatureFormat;
import io.coaps4j.dtls.crypto.SignatureAlgorithm;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The messages and extensions of the ECDHE_ECDSA suite: exact wire forms, and strict decoding. */
class EcdheMessagesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void serverKeyExchangeHasTheWireFormOfRfc8422AndSignsRandomsThenParams() throws DecodeException {
        byte[] point = new byte[65];
        point[0] = 4;
        EcdheServerKeyExchange message = new EcdheServerKeyExchange(23, point, 0x0403, new byte[] {0x30, 0});
        byte[] body = message.encodeBody();
        assertThat(HEX.formatHex(body, 0, 5)).isEqualTo("0300174104");
        assertThat(HEX.formatHex(body, 69, body.length)).isEqualTo("040300023000");
        EcdheServerKeyExchange decoded = EcdheServerKeyExchange.decode(body);
        assertThat(decoded.namedCurve()).isEqualTo(23);
        assertThat(decoded.point()).isEqualTo(point);
        assertThat(decoded.signatureAlgorithm()).isEqualTo(SignatureAlgorithms.code(SignatureAlgorithm.ECDSA_SHA256));
        byte[] signed = EcdheServerKeyExchange.signedContent(new byte[32], filled(32, 1), message.params());
        assertThat(signed).hasSize(64 + 69);
        assertThat(signed[32]).isEqualTo((byte) 1);
        assertThat(HEX.formatHex(signed, 64, 68)).isEqualTo("03001741");

        byte[] explicitCurve = body.clone();
        explicitCurve[0] = 1;
        assertThatThrownBy(() -> EcdheServerKeyExchange.decode(explicitCurve)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("named_curve");
        byte[] lyingPoint = body.clone();
        lyingPoint[3] = 66; // the point claims a byte more than there is before the signature
        assertThatThrownBy(() -> EcdheServerKeyExchange.decode(lyingPoint)).isInstanceOf(DecodeException.class);
        byte[] trailing = java.util.Arrays.copyOf(body, body.length + 1);
        assertThatThrownBy(() -> EcdheServerKeyExchange.decode(trailing)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("trailing");
    }

    @Test
    void certificateRequestAsksForEcdsaSignWithSha256AndNoAuthorities() throws DecodeException {
        byte[] body = CertificateRequest.ecdsa().encodeBody();
        assertThat(HEX.formatHex(body)).isEqualTo("0140" + "00020403" + "0000");
        CertificateRequest decoded = CertificateRequest.decode(body);
        assertThat(decoded.certificateTypes()).containsExactly(CertificateRequest.ECDSA_SIGN);
        assertThat(decoded.signatureAlgorithms().contains(SignatureAlgorithm.ECDSA_SHA256)).isTrue();
        // A peer's request naming two CAs is read; a name whose length lies is not.
        byte[] withNames = HEX.parseHex("0140" + "00020403" + "0008" + "0002aaaa" + "0002bbbb");
        assertThat(CertificateRequest.decode(withNames).authoritiesCount()).isEqualTo(2);
        byte[] lying = HEX.parseHex("0140" + "00020403" + "0008" + "0002aaaa" + "0003bbbb");
        assertThatThrownBy(() -> CertificateRequest.decode(lying)).isInstanceOf(DecodeException.class);
        byte[] oddAlgorithms = HEX.parseHex("0140" + "000304030" + "1" + "0000");
        assertThatThrownBy(() -> CertificateRequest.decode(oddAlgorithms)).isInstanceOf(DecodeException.class);
    }

    @Test
    void certificateMessagesOfBothTypesRoundTripAndLyingLengthsFail() throws DecodeException {
        byte[] a = filled(5, 0xA);
        byte[] b = filled(3, 0xB);
        byte[] chain = CertificateMessage.x509(List.of(a, b)).encodeBody();
        assertThat(HEX.formatHex(chain)).isEqualTo("00000e" + "000005" + "0a0a0a0a0a" + "000003" + "0b0b0b");
        assertThat(CertificateMessage.decode(chain, CertificateType.X509, 8).entries()).hasSize(2);
        assertThat(HEX.formatHex(CertificateMessage.rawPublicKey(a).encodeBody())).isEqualTo("000005" + "0a0a0a0a0a");
        assertThat(CertificateMessage.decode(HEX.parseHex("000000"), CertificateType.X509, 8).isEmpty()).isTrue();
        assertThat(CertificateMessage.decode(HEX.parseHex("000000"), CertificateType.RAW_PUBLIC_KEY, 8).isEmpty()).isTrue();

        for (String lie : List.of("00000e0000060a0a0a0a0a0000030b0b0b", "00000f0000050a0a0a0a0a0000030b0b0b",
                "00000d0000050a0a0a0a0a0000030b0b0b", "0000030000000000", "00000e0000050a0a0a0a0a0000030b0b0b00")) {
            assertThatThrownBy(() -> CertificateMessage.decode(HEX.parseHex(lie), CertificateType.X509, 8))
                    .as(lie).isInstanceOf(DecodeException.class);
        }
        assertThatThrownBy(() -> CertificateMessage.decode(HEX.parseHex("0000060a0a0a0a0a"), CertificateType.RAW_PUBLIC_KEY, 8))
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> CertificateMessage.decode(chain, CertificateType.X509, 1))
                .isInstanceOf(DecodeException.class).hasMessageContaining("more than 1");
    }

    @Test
    void clientKeyExchangeAndCertificateVerifyAreStrict() throws DecodeException {
        assertThat(EcdhClientKeyExchange.decode(HEX.parseHex("020102")).point()).containsExactly(1, 2);
        assertThatThrownBy(() -> EcdhClientKeyExchange.decode(HEX.parseHex("00"))).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> EcdhClientKeyExchange.decode(HEX.parseHex("0301"))).isInstanceOf(DecodeException.class);
        CertificateVerify verify = CertificateVerify.decode(HEX.parseHex("0403" + "0002" + "3000"));
        assertThat(verify.signatureAlgorithm()).isEqualTo(0x0403);
        assertThatThrownBy(() -> CertificateVerify.decode(HEX.parseHex("0403000330"))).isInstanceOf(DecodeException.class);
    }

    @Test
    void certificateTypeAndSignatureAlgorithmExtensionsRoundTripInBothHelloForms() throws DecodeException {
        Extensions client = Extensions.builder()
                .clientCertificateTypes(CertificateTypes.of(List.of(CertificateType.RAW_PUBLIC_KEY, CertificateType.X509)))
                .serverCertificateTypes(CertificateTypes.of(List.of(CertificateType.RAW_PUBLIC_KEY)))
                .add(SignatureAlgorithms.ECDSA_SHA256).build();
        WireWriter out = new WireWriter();
        client.writeTo(out);
        Extensions read = Extensions.readOptional(new WireReader(out.toByteArray()));
        assertThat(read.clientCertificateTypes().orElseThrow().codes()).containsExactly(2, 0);
        assertThat(read.serverCertificateTypes().orElseThrow().codes()).containsExactly(2);
        assertThat(read.signatureAlgorithms().orElseThrow().contains(SignatureAlgorithm.ECDSA_SHA256)).isTrue();
        assertThat(HEX.formatHex(read.find(ExtensionType.SIGNATURE_ALGORITHMS).orElseThrow().data())).isEqualTo("00020403");

        Extensions server = Extensions.builder().chosenServerCertificateType(CertificateType.RAW_PUBLIC_KEY)
                .chosenClientCertificateType(CertificateType.X509).build();
        assertThat(server.chosenServerCertificateType()).contains(2);
        assertThat(server.chosenClientCertificateType()).contains(0);
        assertThatThrownBy(() -> Extensions.of(List.of(new Extension(ExtensionType.SERVER_CERTIFICATE_TYPE, new byte[] {2, 0})))
                .chosenServerCertificateType()).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> Extensions.of(List.of(new Extension(ExtensionType.CLIENT_CERTIFICATE_TYPE, new byte[] {2, 2})))
                .clientCertificateTypes()).isInstanceOf(DecodeException.class);
    }

    @Test
    void ecdsaSignaturesMustBeStrictDerWithROrSInRange() {
        assertThat(EcdsaSignatureFormat.isWellFormedP256(HEX.parseHex("3006020101020101"))).isTrue();
        assertThat(EcdsaSignatureFormat.isWellFormedP256(HEX.parseHex("3006020100020101"))).as("r = 0").isFalse();
        assertThat(EcdsaSignatureFormat.isWellFormedP256(HEX.parseHex("30060201ff020101"))).as("negative r").isFalse();
        assertThat(EcdsaSignatureFormat.isWellFormedP256(HEX.parseHex("300702020001020101"))).as("padded r").isFalse();
        assertThat(EcdsaSignatureFormat.isWellFormedP256(HEX.parseHex("3007020101020101"))).as("length lies").isFalse();
        assertThat(EcdsaSignatureFormat.isWellFormedP256(HEX.parseHex("300702010102010100"))).as("trailing").isFalse();
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
