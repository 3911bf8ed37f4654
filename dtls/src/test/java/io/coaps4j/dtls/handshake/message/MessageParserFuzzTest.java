package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.Alert;
import io.coaps4j.dtls.alert.DecodeException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every parser takes any bytes: it returns a value or throws DecodeException, nothing else. */
class MessageParserFuzzTest {

    interface Parser {
        void parse(byte[] bytes) throws DecodeException;
    }

    private static final List<Parser> PARSERS = List.of(
            ClientHello::decode,
            HelloVerifyRequest::decode,
            ServerHello::decode,
            PskServerKeyExchange::decode,
            PskClientKeyExchange::decode,
            ServerHelloDone::decode,
            Finished::decode,
            bytes -> ChangeCipherSpec.decode(bytes, 0, bytes.length),
            bytes -> Alert.decode(bytes, 0, bytes.length),
            bytes -> HandshakeFragment.decodeAll(bytes, 0, bytes.length),
            bytes -> CertificateMessage.decode(bytes, CertificateType.X509, 8),
            bytes -> CertificateMessage.decode(bytes, CertificateType.RAW_PUBLIC_KEY, 8),
            EcdheServerKeyExchange::decode,
            CertificateRequest::decode,
            EcdhClientKeyExchange::decode,
            CertificateVerify::decode,
            NewSessionTicket::decode,
            MessageParserFuzzTest::parseAllExtensions);

    private static void parseAllExtensions(byte[] bytes) throws DecodeException {
        Extensions extensions = Extensions.readOptional(new WireReader(bytes));
        extensions.serverName();
        extensions.serverNameAcknowledged();
        extensions.renegotiationInfo();
        extensions.supportedGroups();
        extensions.ecPointFormats();
        extensions.extendedMasterSecret();
        extensions.signatureAlgorithms();
        extensions.clientCertificateTypes();
        extensions.serverCertificateTypes();
    }

    private static void parseChosenTypes(byte[] bytes) throws DecodeException {
        Extensions extensions = Extensions.readOptional(new WireReader(bytes));
        extensions.chosenClientCertificateType();
        extensions.chosenServerCertificateType();
    }

    @Property(tries = 3000)
    void randomBytesOnlyEverFailWithDecodeException(@ForAll @Size(max = 300) byte[] bytes) {
        for (Parser parser : PARSERS) {
            parseExpectingOnlyDecodeException(parser, bytes);
        }
    }

    @Property(tries = 3000)
    void mutatedRealMessagesOnlyEverFailWithDecodeException(@ForAll("mutatedMessages") byte[] bytes) {
        for (Parser parser : PARSERS) {
            parseExpectingOnlyDecodeException(parser, bytes);
        }
    }

    @Property(tries = 500)
    void typedExtensionsOfRandomDataOnlyFailWithDecodeException(@ForAll int type, @ForAll @Size(max = 64) byte[] data) {
        int[] known = {ExtensionType.SERVER_NAME, ExtensionType.SUPPORTED_GROUPS, ExtensionType.EC_POINT_FORMATS,
                ExtensionType.EXTENDED_MASTER_SECRET, ExtensionType.RENEGOTIATION_INFO, ExtensionType.SIGNATURE_ALGORITHMS,
                ExtensionType.CLIENT_CERTIFICATE_TYPE, ExtensionType.SERVER_CERTIFICATE_TYPE};
        Extensions extensions = Extensions.of(List.of(new Extension(known[Math.floorMod(type, known.length)], data)));
        WireWriter out = new WireWriter();
        extensions.writeTo(out);
        parseExpectingOnlyDecodeException(MessageParserFuzzTest::parseAllExtensions, out.toByteArray());
        parseExpectingOnlyDecodeException(MessageParserFuzzTest::parseChosenTypes, out.toByteArray());
    }

    private static void parseExpectingOnlyDecodeException(Parser parser, byte[] bytes) {
        try {
            parser.parse(bytes);
        } catch (DecodeException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedMessages() {
        List<byte[]> seeds = List.of(
                OpensslCapture.handshakeBody(0, 0),
                OpensslCapture.handshakeBody(1, 0),
                OpensslCapture.handshakeBody(2, 0),
                OpensslCapture.handshakeBody(4, 0),
                OpensslCapture.datagrams().get(3).recordFragment(0),
                CertificateMessage.x509(List.of(new byte[40], new byte[20])).encodeBody(),
                new EcdheServerKeyExchange(23, new byte[65], 0x0403, new byte[71]).encodeBody(),
                CertificateRequest.ecdsa().encodeBody(),
                new EcdhClientKeyExchange(new byte[65]).encodeBody());
        return Arbitraries.of(seeds).flatMap(seed -> Arbitraries.integers().between(0, seed.length - 1).list().ofMaxSize(4)
                .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).flatMap(values ->
                        Arbitraries.integers().between(0, seed.length).map(cut -> {
                            byte[] copy = java.util.Arrays.copyOf(seed, cut);
                            for (int i = 0; i < positions.size(); i++) {
                                if (positions.get(i) < copy.length) {
                                    copy[positions.get(i)] = values.get(i);
                                }
                            }
                            return copy;
                        }))));
    }
}
