package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.credentials.PreSharedKey;
import io.coaps4j.dtls.crypto.CipherSuite;
import io.coaps4j.dtls.crypto.ConnectionEnd;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.HandshakeFragment;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.ServerHello;
import io.coaps4j.dtls.record.DecryptedRecord;
import io.coaps4j.dtls.record.Record;
import io.coaps4j.dtls.record.RecordCodec;
import io.coaps4j.dtls.record.SecurityAssociation;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the key schedule of a real OpenSSL DTLS 1.2 PSK handshake (captured in the test
 * resources): our transcript of its messages must give OpenSSL's extended master secret, and our
 * keys must open both Finished messages and find the verify_data we compute.
 */
class OpensslKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] PSK = HEX.parseHex("0102030405060708090a0b0c0d0e0f10");
    private static final String MASTER_SECRET =
            "a51ff291dd75c916e1558d5c59ec6a21f6949d7c784fdce0d524779a6d1a7cf3aac8985f9dc06d5d350461bac777557e";

    private static List<List<Record>> datagrams() throws Exception {
        try (InputStream in = OpensslKnownAnswerTest.class.getResourceAsStream("/captures/openssl-psk-ccm8.txt")) {
            List<List<Record>> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (line.startsWith("C>S ") || line.startsWith("S>C ")) {
                    byte[] datagram = HEX.parseHex(line.substring(4).trim());
                    out.add(RecordCodec.decode(datagram, 0, datagram.length));
                }
            }
            return out;
        }
    }

    private static HandshakeFragment fragment(Record record) throws Exception {
        byte[] plaintext = record.fragment();
        return HandshakeFragment.decodeAll(plaintext, 0, plaintext.length).get(0);
    }

    private static Transcript append(Transcript transcript, HandshakeFragment message) {
        return transcript.append(HandshakeType.of(message.type()).orElseThrow(), message.messageSeq(), message.fragmentBytes());
    }

    @Test
    void ourKeyScheduleMatchesOpenssl() throws Exception {
        CryptoContext crypto = CryptoContext.create();
        List<List<Record>> datagrams = datagrams();
        HandshakeFragment clientHello = fragment(datagrams.get(2).get(0));
        List<Record> serverFlight = datagrams.get(3);
        HandshakeFragment serverHello = fragment(serverFlight.get(0));
        HandshakeFragment keyExchange = fragment(datagrams.get(4).get(0));

        Transcript transcript = append(Transcript.empty(), clientHello);
        for (Record record : serverFlight) {
            transcript = append(transcript, fragment(record));
        }
        transcript = append(transcript, keyExchange);

        byte[] clientRandom = ClientHello.decode(clientHello.fragmentBytes()).random();
        byte[] serverRandom = ServerHello.decode(serverHello.fragmentBytes()).random();
        SessionKeys keys = SessionKeys.fromPsk(crypto, CipherSuite.TLS_PSK_WITH_AES_128_CCM_8, PreSharedKey.of(PSK),
                clientRandom, serverRandom, true, transcript);
        assertThat(HEX.formatHex(keys.masterSecret())).isEqualTo(MASTER_SECRET);

        // The client's Finished, opened with the server's keys.
        SecurityAssociation serverSide = keys.association(crypto, 1, ConnectionEnd.SERVER);
        DecryptedRecord clientFinished = (DecryptedRecord) serverSide.unprotect(crypto, datagrams.get(4).get(2));
        byte[] clientVerifyData = Arrays.copyOfRange(clientFinished.plaintext(), 12, 24);
        assertThat(clientVerifyData).isEqualTo(keys.verifyData(crypto, ConnectionEnd.CLIENT, transcript));

        // The server's Finished covers the client's Finished and OpenSSL's NewSessionTicket too.
        byte[] finishedPlaintext = clientFinished.plaintext();
        Transcript throughTicket = append(append(transcript,
                HandshakeFragment.decodeAll(finishedPlaintext, 0, finishedPlaintext.length).get(0)),
                fragment(datagrams.get(5).get(0)));
        SecurityAssociation clientSide = keys.association(crypto, 1, ConnectionEnd.CLIENT);
        DecryptedRecord serverFinished = (DecryptedRecord) clientSide.unprotect(crypto, datagrams.get(6).get(1));
        assertThat(Arrays.copyOfRange(serverFinished.plaintext(), 12, 24))
                .isEqualTo(keys.verifyData(crypto, ConnectionEnd.SERVER, throughTicket));
    }
}
