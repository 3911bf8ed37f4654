package io.coaps4j.dtls.handshake.message;

import io.coaps4j.dtls.alert.DecodeException;
import io.coaps4j.dtls.record.ProtocolVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandshakeMessagesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void initialClientHelloFromOpensslRoundTrips() throws DecodeException {
        byte[] body = OpensslCapture.handshakeBody(0, 0);
        ClientHello hello = ClientHello.decode(body);

        assertThat(hello.clientVersion()).isEqualTo(ProtocolVersion.DTLS_1_2);
        assertThat(hello.cookie()).isEmpty();
        assertThat(hello.sessionId()).isEmpty();
        assertThat(hello.cipherSuites()).containsExactly(0xC0A8, 0x00FF);
        assertThat(hello.compressionMethods()).containsExactly(0);
        assertThat(hello.extensions().types()).containsExactly(0, 0x23, 0x16, 0x17, 0x0d);
        assertThat(hello.extensions().serverName()).map(ServerNameList::hostName).contains("example.com");
        assertThat(hello.extensions().extendedMasterSecret()).isTrue();
        assertThat(hello.extensions().renegotiationInfo()).isEmpty();
        assertThat(HEX.formatHex(hello.encodeBody())).isEqualTo(HEX.formatHex(body));
    }

    @Test
    void clientHelloWithCookieFromOpensslRoundTrips() throws DecodeException {
        byte[] body = OpensslCapture.handshakeBody(2, 0);
        ClientHello hello = ClientHello.decode(body);

        assertThat(HEX.formatHex(hello.cookie())).isEqualTo("9f869e780e727f1115440f8b95da586500c71eeb");
        assertThat(HEX.formatHex(hello.encodeBody())).isEqualTo(HEX.formatHex(body));
        ClientHello first = ClientHello.decode(OpensslCapture.handshakeBody(0, 0));
        assertThat(first.withCookie(hello.cookie())).isEqualTo(hello);
    }

    @Test
    void helloVerifyRequestFromOpensslRoundTrips() throws DecodeException {
        byte[] body = OpensslCapture.handshakeBody(1, 0);
        HelloVerifyRequest request = HelloVerifyRequest.decode(body);

        assertThat(request.serverVersion()).isEqualTo(ProtocolVersion.DTLS_1_0);
        assertThat(HEX.formatHex(request.cookie())).isEqualTo("9f869e780e727f1115440f8b95da586500c71eeb");
        assertThat(HEX.formatHex(request.encodeBody())).isEqualTo(HEX.formatHex(body));
    }

    @Test
    void serverFlightFromOpensslRoundTrips() throws DecodeException {
        byte[] datagram = OpensslCapture.datagrams().get(3).bytes();
        // Three records: ServerHello, ServerKeyExchange, ServerHelloDone.
        int offset = 0;
        List<HandshakeFragment> fragments = new java.util.ArrayList<>();
        while (offset < datagram.length) {
            int length = (datagram[offset + 11] & 0xff) << 8 | datagram[offset + 12] & 0xff;
            fragments.addAll(HandshakeFragment.decodeAll(datagram, offset + 13, length));
            offset += 13 + length;
        }
        assertThat(fragments).extracting(HandshakeFragment::type).containsExactly(2, 12, 14);
        assertThat(fragments).extracting(HandshakeFragment::messageSeq).containsExactly(1, 2, 3);
        assertThat(fragments).allMatch(HandshakeFragment::isComplete);

        ServerHello hello = ServerHello.decode(fragments.get(0).fragmentBytes());
        assertThat(hello.serverVersion()).isEqualTo(ProtocolVersion.DTLS_1_2);
        assertThat(hello.cipherSuite()).isEqualTo(0xC0A8);
        assertThat(hello.compressionMethod()).isZero();
        assertThat(hello.extensions().types()).containsExactly(0xFF01, 0x23, 0x17);
        assertThat(hello.extensions().renegotiationInfo()).map(RenegotiationInfo::isEmpty).contains(true);
        assertThat(hello.extensions().extendedMasterSecret()).isTrue();
        assertThat(hello.extensions().serverNameAcknowledged()).isFalse();
        assertThat(hello.encodeBody()).isEqualTo(fragments.get(0).fragmentBytes());

        PskServerKeyExchange keyExchange = PskServerKeyExchange.decode(fragments.get(1).fragmentBytes());
        assertThat(new String(keyExchange.identityHint(), StandardCharsets.US_ASCII)).isEqualTo("hint");
        assertThat(keyExchange.encodeBody()).isEqualTo(fragments.get(1).fragmentBytes());

        assertThat(ServerHelloDone.decode(fragments.get(2).fragmentBytes())).isSameAs(ServerHelloDone.INSTANCE);
        assertThat(fragments.get(2).encode()).isEqualTo(HEX.parseHex("0e0000000003000000000000"));
    }

    @Test
    void clientKeyExchangeFromOpensslRoundTrips() throws DecodeException {
        byte[] body = OpensslCapture.handshakeBody(4, 0);
        PskClientKeyExchange exchange = PskClientKeyExchange.decode(body);

        assertThat(new String(exchange.identity(), StandardCharsets.US_ASCII)).isEqualTo("Client_identity");
        assertThat(exchange.encodeBody()).isEqualTo(body);
    }

    @Test
    void fragmentHeaderEncodesEveryField() {
        byte[] body = HEX.parseHex("00112233445566778899");
        HandshakeFragment fragment = HandshakeFragment.of(1, 0x0203, body, 4, 3);

        assertThat(HEX.formatHex(fragment.encode())).isEqualTo("01" + "00000a" + "0203" + "000004" + "000003" + "445566");
        assertThat(fragment.isComplete()).isFalse();
        assertThat(HandshakeFragment.whole(20, 5, body).isComplete()).isTrue();
    }

    @Test
    void recordWithTwoMessagesYieldsTwoFragments() throws DecodeException {
        byte[] record = HEX.parseHex("0e0000000003000000000000" + "1400000c000400000000000c" + "000102030405060708090a0b");
        List<HandshakeFragment> fragments = HandshakeFragment.decodeAll(record, 0, record.length);

        assertThat(fragments).extracting(HandshakeFragment::type).containsExactly(14, 20);
        assertThat(Finished.decode(fragments.get(1).fragmentBytes()).verifyData())
                .isEqualTo(HEX.parseHex("000102030405060708090a0b"));
    }

    @Test
    void fragmentRangeBeyondMessageLengthIsMalformed() {
        byte[] record = HEX.parseHex("0e000004" + "0000" + "000003" + "000002" + "aabb");
        assertThatThrownBy(() -> HandshakeFragment.decodeAll(record, 0, record.length))
                .isInstanceOf(DecodeException.class).hasMessageContaining("exceeds message length");
    }

    @Test
    void fragmentLongerThanRecordIsMalformed() {
        byte[] record = HEX.parseHex("0e000004" + "0000" + "000000" + "000004" + "aabb");
        assertThatThrownBy(() -> HandshakeFragment.decodeAll(record, 0, record.length))
                .isInstanceOf(DecodeException.class).hasMessageContaining("exceeds the record");
    }

    @Test
    void extensionsAreBuiltInOrderWithTheirWireForm() throws DecodeException {
        Extensions extensions = Extensions.builder()
                .add(ServerNameList.ofHostName("Example.COM"))
                .add(new SupportedGroups(List.of(SupportedGroups.SECP256R1, 24)))
                .add(new EcPointFormats(List.of(EcPointFormats.UNCOMPRESSED)))
                .extendedMasterSecret()
                .add(RenegotiationInfo.EMPTY)
                .build();
        WireWriter out = new WireWriter();
        extensions.writeTo(out);

        assertThat(HEX.formatHex(out.toByteArray())).isEqualTo("002d"
                + "0000" + "0010" + "000e00000b6578616d706c652e636f6d"
                + "000a" + "0006" + "000400170018"
                + "000b" + "0002" + "0100"
                + "0017" + "0000"
                + "ff01" + "0001" + "00");
        Extensions decoded = Extensions.readOptional(new WireReader(out.toByteArray()));
        assertThat(decoded).isEqualTo(extensions);
        assertThat(decoded.serverName()).map(ServerNameList::hostName).contains("example.com");
        assertThat(decoded.supportedGroups()).map(SupportedGroups::groups).contains(List.of(23, 24));
        assertThat(decoded.ecPointFormats()).map(EcPointFormats::formats).contains(List.of(0));
        assertThat(decoded.extendedMasterSecret()).isTrue();
        assertThat(decoded.renegotiationInfo()).contains(RenegotiationInfo.EMPTY);
    }

    @Test
    void repeatedExtensionIsMalformed() {
        byte[] block = HEX.parseHex("0008" + "00170000" + "00170000");
        assertThatThrownBy(() -> Extensions.readOptional(new WireReader(block)))
                .isInstanceOf(DecodeException.class).hasMessageContaining("twice");
    }

    @Test
    void extendedMasterSecretWithDataIsMalformed() throws DecodeException {
        Extensions extensions = Extensions.readOptional(new WireReader(HEX.parseHex("0005" + "0017000100")));
        assertThatThrownBy(extensions::extendedMasterSecret).isInstanceOf(DecodeException.class);
    }

    @Test
    void serverNameWithUnknownNameTypeIsMalformed() throws DecodeException {
        Extensions extensions = Extensions.readOptional(new WireReader(HEX.parseHex("0009" + "0000" + "0005" + "0003" + "01" + "0000")));
        assertThatThrownBy(extensions::serverName).isInstanceOf(DecodeException.class).hasMessageContaining("name type");
    }

    @Test
    void serverNameRejectsTrailingDotAndNonAscii() {
        assertThatThrownBy(() -> ServerNameList.ofHostName("example.com.")).hasMessageContaining("dot");
        assertThatThrownBy(() -> ServerNameList.ofHostName("bücher.example")).hasMessageContaining("ASCII");
    }

    @Test
    void unknownExtensionsAreKeptRaw() throws DecodeException {
        Extensions extensions = Extensions.readOptional(new WireReader(HEX.parseHex("0007" + "1234" + "0003" + "aabbcc")));
        assertThat(extensions.list()).containsExactly(new Extension(0x1234, HEX.parseHex("aabbcc")));
    }

    @Test
    void trailingBytesAfterExtensionsAreMalformed() {
        byte[] body = OpensslCapture.handshakeBody(0, 0);
        byte[] longer = java.util.Arrays.copyOf(body, body.length + 1);
        assertThatThrownBy(() -> ClientHello.decode(longer)).isInstanceOf(DecodeException.class);
    }

    @Test
    void clientHelloWithOddCipherSuiteLengthIsMalformed() {
        byte[] body = HEX.parseHex("fefd" + "00".repeat(32) + "00" + "00" + "0003" + "c0a800" + "0100");
        assertThatThrownBy(() -> ClientHello.decode(body)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("even");
    }

    @Test
    void finishedHoldsExactlyTwelveBytes() {
        assertThatThrownBy(() -> Finished.decode(new byte[11])).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> Finished.decode(new byte[13])).isInstanceOf(DecodeException.class);
    }

    @Test
    void changeCipherSpecIsTheSingleByteOne() throws DecodeException {
        assertThat(ChangeCipherSpec.encode()).containsExactly(1);
        ChangeCipherSpec.decode(new byte[] {1}, 0, 1);
        assertThatThrownBy(() -> ChangeCipherSpec.decode(new byte[] {2}, 0, 1)).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> ChangeCipherSpec.decode(new byte[] {1, 1}, 0, 2)).isInstanceOf(DecodeException.class);
    }

    @Test
    void serverHelloDoneMustBeEmpty() {
        assertThatThrownBy(() -> ServerHelloDone.decode(new byte[1])).isInstanceOf(DecodeException.class);
    }

    @Test
    void helloVerifyRequestRejectsTrailingBytes() {
        assertThatThrownBy(() -> HelloVerifyRequest.decode(HEX.parseHex("feff" + "01" + "aa" + "00")))
                .isInstanceOf(DecodeException.class);
    }
}
