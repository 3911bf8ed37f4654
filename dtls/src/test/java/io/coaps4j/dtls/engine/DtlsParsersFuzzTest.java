package io.coaps4j.dtls.engine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coaps4j.dtls.alert.Alert;
import io.coaps4j.dtls.alert.DecodeException;
import io.coaps4j.dtls.handshake.HandshakeReassembler;
import io.coaps4j.dtls.handshake.message.CertificateMessage;
import io.coaps4j.dtls.handshake.message.CertificateRequest;
import io.coaps4j.dtls.handshake.message.CertificateType;
import io.coaps4j.dtls.handshake.message.CertificateVerify;
import io.coaps4j.dtls.handshake.message.ChangeCipherSpec;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.EcdhClientKeyExchange;
import io.coaps4j.dtls.handshake.message.EcdheServerKeyExchange;
import io.coaps4j.dtls.handshake.message.Extensions;
import io.coaps4j.dtls.handshake.message.Finished;
import io.coaps4j.dtls.handshake.message.HandshakeFragment;
import io.coaps4j.dtls.handshake.message.HelloVerifyRequest;
import io.coaps4j.dtls.handshake.message.NewSessionTicket;
import io.coaps4j.dtls.handshake.message.PskClientKeyExchange;
import io.coaps4j.dtls.handshake.message.PskServerKeyExchange;
import io.coaps4j.dtls.handshake.message.ServerHello;
import io.coaps4j.dtls.handshake.message.ServerHelloDone;
import io.coaps4j.dtls.handshake.message.WireReader;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.Record;
import io.coaps4j.dtls.record.RecordCodec;

import java.net.InetSocketAddress;
import java.util.List;

import static io.coaps4j.dtls.engine.Fixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzz targets (Jazzer) for the DTLS wire parsers: records, handshake fragments and their
 * reassembly, each handshake message (NewSessionTicket as a client reads it), the hello extensions, alerts, and a
 * server taking a datagram from an unknown address. The normal build runs the seeds
 * ({@code DtlsParsersFuzzTestInputs/<target>/}, taken from an OpenSSL capture and our own handshakes);
 * {@code scripts/fuzz.sh} fuzzes.
 *
 * <p>Pass criterion: a value or {@link DecodeException}, nothing else; nothing decoded is larger than its input;
 * reassembly stays within its bounds; a server answers an unknown address with at most the bytes it received and
 * keeps no connection for it.
 */
class DtlsParsersFuzzTest {
    private static final InetSocketAddress FROM = VirtualNetwork.address("192.0.2.7", 40000);
    private static final int MAX_MESSAGE = 4096;

    interface Parser {
        Object parse(byte[] body) throws DecodeException;
    }

    private static void parses(byte[] body, Parser parser) {
        try {
            assertThat(parser.parse(body)).isNotNull();
        } catch (DecodeException declared) {
            assertThat(declared.getMessage()).isNotBlank();
        }
    }

    @FuzzTest
    void records(byte[] datagram) {
        List<Record> records = RecordCodec.decode(datagram, 0, datagram.length);
        long total = 0;
        for (Record record : records) {
            total += Record.HEADER_LENGTH + record.fragment().length;
            if (record.type() == ContentType.HANDSHAKE && record.epoch() == 0) {
                handshakeFragments(record.fragment());
            }
        }
        assertThat(total).isLessThanOrEqualTo(datagram.length);
    }

    @FuzzTest
    void handshakeFragments(byte[] recordFragment) {
        List<HandshakeFragment> fragments;
        try {
            fragments = HandshakeFragment.decodeAll(recordFragment, 0, recordFragment.length);
        } catch (DecodeException declared) {
            return;
        }
        long total = fragments.stream().mapToLong(f -> HandshakeFragment.HEADER_LENGTH + f.fragmentLength()).sum();
        assertThat(total).isLessThanOrEqualTo(recordFragment.length);
        HandshakeReassembler reassembler = new HandshakeReassembler(0, MAX_MESSAGE, 2 * MAX_MESSAGE, 4);
        for (HandshakeFragment fragment : fragments) {
            reassembler.offer(fragment, 0);
            assertThat(reassembler.bufferedBytes()).isLessThanOrEqualTo(2 * MAX_MESSAGE);
            while (reassembler.poll() != null) {
                assertThat(reassembler.bufferedBytes()).isLessThanOrEqualTo(2 * MAX_MESSAGE);
            }
        }
    }

    @FuzzTest
    void clientHello(byte[] body) {
        parses(body, ClientHello::decode);
    }

    @FuzzTest
    void helloVerifyRequest(byte[] body) {
        parses(body, HelloVerifyRequest::decode);
    }

    @FuzzTest
    void serverHello(byte[] body) {
        parses(body, ServerHello::decode);
    }

    @FuzzTest
    void certificate(byte[] body) {
        parses(body, b -> CertificateMessage.decode(b, CertificateType.X509, 8));
        parses(body, b -> CertificateMessage.decode(b, CertificateType.RAW_PUBLIC_KEY, 8));
    }

    @FuzzTest
    void serverKeyExchange(byte[] body) {
        parses(body, PskServerKeyExchange::decode);
        parses(body, EcdheServerKeyExchange::decode);
    }

    @FuzzTest
    void certificateRequest(byte[] body) {
        parses(body, CertificateRequest::decode);
    }

    @FuzzTest
    void clientKeyExchange(byte[] body) {
        parses(body, PskClientKeyExchange::decode);
        parses(body, EcdhClientKeyExchange::decode);
    }

    @FuzzTest
    void certificateVerify(byte[] body) {
        parses(body, CertificateVerify::decode);
    }

    /** RFC 5077 section 3.3, as a client reads the ticket the server promised: never longer than its input. */
    @FuzzTest
    void newSessionTicket(byte[] body) {
        parses(body, b -> {
            NewSessionTicket ticket = NewSessionTicket.decode(b);
            assertThat(ticket.ticket().length).isLessThanOrEqualTo(b.length);
            return ticket;
        });
    }

    @FuzzTest
    void shortMessages(byte[] body) {
        parses(body, ServerHelloDone::decode);
        parses(body, Finished::decode);
        parses(body, b -> Alert.decode(b, 0, b.length));
        parses(body, b -> {
            ChangeCipherSpec.decode(b, 0, b.length);
            return b;
        });
    }

    /** Every extension the engine reads (RFC 5246 7.4.1.4, 4492, 5746, 6066, 6520, 7250, 7627). */
    @FuzzTest
    void extensions(byte[] bytes) {
        parses(bytes, b -> {
            Extensions extensions = Extensions.readOptional(new WireReader(b));
            extensions.serverName();
            extensions.serverNameAcknowledged();
            extensions.renegotiationInfo();
            extensions.heartbeat();
            extensions.supportedGroups();
            extensions.ecPointFormats();
            extensions.extendedMasterSecret();
            extensions.signatureAlgorithms();
            extensions.clientCertificateTypes();
            extensions.serverCertificateTypes();
            extensions.chosenClientCertificateType();
            extensions.chosenServerCertificateType();
            return extensions;
        });
    }

    /** RFC 6347 4.2.1: from an unknown address, no state and no amplification, whatever the bytes. */
    @FuzzTest
    void serverDatagram(byte[] datagram) {
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        DtlsServer.Result result = server.receive(FROM, datagram, 0);
        for (DtlsServer.Outbound out : result.datagrams()) {
            assertThat(out.datagram().length).isLessThanOrEqualTo(datagram.length);
        }
        assertThat(server.connectionCount()).isZero();
        assertThat(server.pendingFragmentedHellos()).isLessThanOrEqualTo(1);
    }
}
