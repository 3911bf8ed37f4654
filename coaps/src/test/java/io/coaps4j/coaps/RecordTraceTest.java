package io.coaps4j.coaps;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-line-per-record format of the DTLS record trace, read from record headers only. */
class RecordTraceTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);

    @Test
    void aPlaintextHandshakeRecordAndAProtectedOneInOneDatagram() {
        byte[] datagram = HexFormat.of().parseHex(
                // handshake, DTLS 1.2, epoch 0, seq 0, length 14: ClientHello, length 2, message_seq 0, frag 0+2
                "16fefd" + "0000" + "000000000000" + "000e" + "01000002" + "0000" + "000000" + "000002" + "abcd"
                // application_data, epoch 1, seq 5, length 3, protected bytes
                + "17fefd" + "0001" + "000000000005" + "0003" + "010203");
        assertThat(RecordTrace.lines(false, PEER, datagram, 0, datagram.length)).containsExactly(
                "dtls <- 127.0.0.1:40000 handshake epoch=0 seq=0 len=14 ClientHello(seq=0 frag=0+2/2)",
                "dtls <- 127.0.0.1:40000 application_data epoch=1 seq=5 len=3");
    }

    @Test
    void aPlaintextAlertShowsLevelAndDescriptionAProtectedOneNothing() {
        byte[] datagram = HexFormat.of().parseHex("15fefd" + "0000" + "000000000003" + "0002" + "0228"
                + "15fefd" + "0001" + "000000000001" + "0002" + "0102");
        assertThat(RecordTrace.lines(true, PEER, datagram, 0, datagram.length)).containsExactly(
                "dtls -> 127.0.0.1:40000 alert epoch=0 seq=3 len=2 fatal(40)",
                "dtls -> 127.0.0.1:40000 alert epoch=1 seq=1 len=2");
    }

    @Test
    void aConnectionIdRecordEndsWhatTheHeaderCanTell() {
        // tls12_cid, epoch 1, seq 7, a 4-byte CID, length 3, 3 protected bytes (RFC 9146 section 4)
        byte[] datagram = HexFormat.of().parseHex("19fefd" + "0001" + "000000000007" + "0a0b0c0d" + "0003" + "010203");
        assertThat(RecordTrace.lines(true, PEER, datagram, 0, datagram.length)).containsExactly(
                "dtls -> 127.0.0.1:40000 tls12_cid epoch=1 seq=7 (9 bytes of connection ID, length and protected content)");
    }

    @Test
    void truncatedHeadersAndRecordsAreMalformedNotErrors() {
        byte[] shortHeader = HexFormat.of().parseHex("16fefd0000");
        assertThat(RecordTrace.lines(false, PEER, shortHeader, 0, shortHeader.length)).containsExactly(
                "dtls <- 127.0.0.1:40000 malformed (5 bytes, shorter than a record header)");
        byte[] shortBody = HexFormat.of().parseHex("17fefd" + "0001" + "000000000001" + "0010" + "0102");
        assertThat(RecordTrace.lines(false, PEER, shortBody, 0, shortBody.length)).containsExactly(
                "dtls <- 127.0.0.1:40000 application_data epoch=1 seq=1 len=16 malformed (2 bytes left)");
    }
}
