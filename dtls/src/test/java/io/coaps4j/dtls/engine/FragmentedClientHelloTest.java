package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.handshake.message.HandshakeFragment;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.Record;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.coaps4j.dtls.engine.Fixture.CLIENT;
import static io.coaps4j.dtls.engine.Fixture.KEY;
import static io.coaps4j.dtls.engine.Hellos.cookieOf;
import static io.coaps4j.dtls.engine.Hellos.firstHello;
import static io.coaps4j.dtls.engine.Hellos.withCookie;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ClientHello fragmented as RFC 6347 section 4.2.3 allows: put back together when it carries the cookie
 * (bounded, {@link FragmentedHellos}) or arrives whole in one datagram; the first, cookieless hello spread over
 * datagrams keeps nothing.
 */
class FragmentedClientHelloTest {

    /** The hello of {@code helloDatagram} (one record, one whole fragment) cut at {@code cuts}, one record each. */
    private static List<Record> fragments(byte[] helloDatagram, int... cuts) throws Exception {
        Record record = Wire.records(helloDatagram).get(0);
        HandshakeFragment whole = Wire.onlyFragment(record);
        byte[] body = whole.fragmentBytes();
        List<Record> records = new ArrayList<>();
        int start = 0;
        long seq = record.sequenceNumber();
        for (int i = 0; i <= cuts.length; i++) {
            int end = i < cuts.length ? cuts[i] : body.length;
            byte[] part = HandshakeFragment.of(HandshakeType.CLIENT_HELLO.code(), whole.messageSeq(), body, start,
                    end - start).encode();
            records.add(new Record(ContentType.HANDSHAKE, record.version(), 0, seq + i, part));
            start = end;
        }
        return records;
    }

    @Test
    void aClientWhoseCookieHelloExceedsItsDatagramSizeCompletesTheHandshake() {
        int firstHelloLength = firstHello(1).length;
        // Room for the cookieless hello, not for the one with the 32-byte cookie: the client fragments that one
        // (its first fragment still shows the whole cookie, as FragmentedHellos requires).
        DtlsConfig small = Fixture.config(InMemoryPskStore.builder().add("c", KEY).build(),
                b -> b.maxDatagramSize(firstHelloLength + 20));
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        VirtualNetwork network = new VirtualNetwork(server, 7, 0, 10);
        List<byte[]> helloFragments = new ArrayList<>();
        network.filter = packet -> {
            if (packet.to().equals(VirtualNetwork.SERVER)
                    && Wire.firstHandshakeType(packet.bytes()) == HandshakeType.CLIENT_HELLO.code()) {
                helloFragments.add(packet.bytes());
            }
            return true;
        };

        network.start(CLIENT, Fixture.client(small, 2));
        network.run();

        assertThat(network.clients.get(CLIENT).status()).as(network.eventsOf(CLIENT) + " " + helloFragments.size()
                + " " + server.metrics()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        assertThat(server.session(CLIENT)).isPresent();
        assertThat(helloFragments.size()).as("one whole hello, then the cookie hello in fragments").isGreaterThan(2);
        assertThat(server.pendingFragmentedHellos()).isZero();
    }

    @Test
    void fragmentsInSeveralRecordsOfOneDatagramNeedNoStateEvenWithoutACookie() throws Exception {
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        byte[] hello = firstHello(3);
        byte[] together = Wire.datagram(fragments(hello, 20, 50).toArray(Record[]::new));

        DtlsServer.Result verify = server.receive(CLIENT, together, 0);

        assertThat(Wire.firstHandshakeType(verify.datagrams().get(0).datagram()))
                .isEqualTo(HandshakeType.HELLO_VERIFY_REQUEST.code());
        assertThat(verify.datagrams().get(0).datagram().length).isLessThanOrEqualTo(together.length);
        assertThat(server.connectionCount()).isZero();
        assertThat(server.pendingFragmentedHellos()).isZero();

        byte[] cookieHello = withCookie(hello, cookieOf(verify));
        server.receive(CLIENT, Wire.datagram(fragments(cookieHello, 10, 90).toArray(Record[]::new)), 1);
        assertThat(server.handshakeCount()).isEqualTo(1);
    }

    @Test
    void theFirstCookielessHelloSpreadOverDatagramsIsDroppedAndKeepsNothing() throws Exception {
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        for (Record part : fragments(firstHello(4), 30)) {
            DtlsServer.Result result = server.receive(CLIENT, Wire.datagram(part), 0);
            assertThat(result.datagrams()).isEmpty();
        }
        assertThat(server.pendingFragmentedHellos()).isZero();
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void aCookieHelloSpreadOverDatagramsInAnyOrderOfItsTailIsAdmitted() throws Exception {
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        byte[] hello = firstHello(5);
        byte[] cookieHello = withCookie(hello, cookieOf(server.receive(CLIENT, hello, 0)));
        List<Record> parts = fragments(cookieHello, 70, 75, 80);

        server.receive(CLIENT, Wire.datagram(parts.get(2)), 1); // before the first: dropped, the client retransmits
        server.receive(CLIENT, Wire.datagram(parts.get(0)), 2);
        assertThat(server.pendingFragmentedHellos()).isEqualTo(1);
        server.receive(CLIENT, Wire.datagram(parts.get(3)), 3);
        server.receive(CLIENT, Wire.datagram(parts.get(1)), 4);
        assertThat(server.handshakeCount()).isZero();
        server.receive(CLIENT, Wire.datagram(parts.get(2)), 5);

        assertThat(server.handshakeCount()).isEqualTo(1);
        assertThat(server.pendingFragmentedHellos()).isZero();
    }

    @Test
    void fragmentsThatContradictTheFirstOnLengthOrSequenceAreIgnored() throws Exception {
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        byte[] hello = firstHello(6);
        byte[] cookieHello = withCookie(hello, cookieOf(server.receive(CLIENT, hello, 0)));
        List<Record> parts = fragments(cookieHello, 70);
        HandshakeFragment tail = Wire.onlyFragment(parts.get(1));
        byte[] body = new byte[tail.length() + 5]; // announces another total length
        byte[] longer = HandshakeFragment.of(tail.type(), tail.messageSeq(), body, tail.fragmentOffset(),
                tail.fragmentLength()).encode();
        byte[] otherSeq = HandshakeFragment.of(tail.type(), tail.messageSeq() + 1, new byte[tail.length()],
                tail.fragmentOffset(), tail.fragmentLength()).encode();

        server.receive(CLIENT, Wire.datagram(parts.get(0)), 1);
        server.receive(CLIENT, Wire.datagram(Wire.plaintext(ContentType.HANDSHAKE, 7, longer)), 2);
        server.receive(CLIENT, Wire.datagram(Wire.plaintext(ContentType.HANDSHAKE, 8, otherSeq)), 3);
        assertThat(server.handshakeCount()).isZero();
        server.receive(CLIENT, Wire.datagram(parts.get(1)), 4);
        assertThat(server.handshakeCount()).isEqualTo(1);
    }

    @Test
    void aReassembledHelloWithAForgedCookieGetsAHelloVerifyRequestAndNoState() throws Exception {
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        byte[] forged = withCookie(firstHello(7), new byte[32]);
        List<Record> parts = fragments(forged, 70);

        server.receive(CLIENT, Wire.datagram(parts.get(0)), 1);
        DtlsServer.Result result = server.receive(CLIENT, Wire.datagram(parts.get(1)), 2);

        assertThat(Wire.firstHandshakeType(result.datagrams().get(0).datagram()))
                .isEqualTo(HandshakeType.HELLO_VERIFY_REQUEST.code());
        assertThat(server.connectionCount()).isZero();
        assertThat(server.pendingFragmentedHellos()).isZero();
    }

    @Test
    void aFloodOfCookieShapedFirstFragmentsHoldsAFixedPoolThatEmptiesWithTime() throws Exception {
        DtlsConfig config = Fixture.config("c", KEY);
        DtlsServer server = Fixture.server(config);
        List<byte[]> firstFragments = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            firstFragments.add(Wire.datagram(fragments(withCookie(firstHello(100 + i), new byte[32]), 70).get(0)));
        }
        for (int i = 0; i < 5_000; i++) {
            InetSocketAddress spoofed = VirtualNetwork.address("198.51." + (i / 250) + "." + (i % 250 + 1), 1000 + i);
            server.receive(spoofed, firstFragments.get(i % 50), i);
            assertThat(server.pendingFragmentedHellos()).isLessThanOrEqualTo(FragmentedHellos.MAX_PENDING);
        }
        assertThat(server.connectionCount()).isZero();
        assertThat(server.pendingFragmentedHellos()).isEqualTo(FragmentedHellos.MAX_PENDING);

        // A legitimate fragmented client still gets in: its hello displaces the oldest partial one.
        byte[] hello = firstHello(8);
        byte[] cookieHello = withCookie(hello, cookieOf(server.receive(CLIENT, hello, 10_000)));
        for (Record part : fragments(cookieHello, 70)) {
            server.receive(CLIENT, Wire.datagram(part), 10_001);
        }
        assertThat(server.handshakeCount()).isEqualTo(1);

        // Past the stalled-handshake timeout the next fragment finds every partial hello gone.
        long later = 10_001 + config.stalledHandshakeTimeout().toNanos();
        server.receive(VirtualNetwork.address("203.0.113.1", 1), Wire.datagram(fragments(firstHello(9), 30).get(1)),
                later);
        assertThat(server.pendingFragmentedHellos()).isZero();
    }

    @Test
    void aHelloLongerThanTheBoundIsNeverBuffered() throws Exception {
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        byte[] cookieHello = withCookie(firstHello(10), new byte[32]);
        Record first = fragments(cookieHello, 70).get(0);
        HandshakeFragment head = Wire.onlyFragment(first);
        byte[] huge = Arrays.copyOf(head.fragmentBytes(), FragmentedHellos.MAX_HELLO_LENGTH + 1);
        byte[] announced = HandshakeFragment.of(head.type(), head.messageSeq(), huge, 0, 70).encode();

        server.receive(CLIENT, Wire.datagram(Wire.plaintext(ContentType.HANDSHAKE, 1, announced)), 1);

        assertThat(server.pendingFragmentedHellos()).isZero();
    }
}
