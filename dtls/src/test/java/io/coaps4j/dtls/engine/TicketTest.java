package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.config.RotatingTicketKeys;
import io.coaps4j.dtls.config.SessionTickets;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.credentials.PskIdentity;
import io.coaps4j.dtls.credentials.PskPrincipal;
import io.coaps4j.dtls.handshake.ResumableSession;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.Record;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static io.coaps4j.dtls.engine.Fixture.CLIENT;
import static io.coaps4j.dtls.engine.Fixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** RFC 5077 session tickets, both roles, and the attacks on them (issue 9 item 6), in virtual time. */
class TicketTest {
    private static final InetSocketAddress SECOND = VirtualNetwork.address("10.0.0.3", 40001);
    private static final InetSocketAddress ATTACKER = VirtualNetwork.address("10.6.6.6", 40666);
    private static final Duration LIFETIME = Duration.ofHours(2);

    /** The tickets' wall clock, in epoch milliseconds, moved by the tests. */
    private final AtomicLong wallClock = new AtomicLong(1_700_000_000_000L);

    private SessionTickets tickets(Duration rotation, int previous) {
        return new SessionTickets(new RotatingTicketKeys(rotation, previous, new SecureRandom()), LIFETIME,
                wallClock::get);
    }

    private static DtlsConfig serverConfig(SessionTickets tickets) {
        return Fixture.config(InMemoryPskStore.builder().add("client-1", KEY).build(), b -> b.sessionTickets(tickets));
    }

    private static DtlsConfig clientConfig() {
        return Fixture.config(InMemoryPskStore.builder().add("client-1", KEY).build(), b -> b.offerSessionTickets(true));
    }

    private static DtlsConnection client(DtlsConfig config, long seed, ClientSessionCache cache, long now) {
        return DtlsConnection.client(config, Fixture.crypto(seed), new DtlsMetrics(), VirtualNetwork.SERVER,
                Optional.empty(), cache, now);
    }

    private static DtlsSession connect(VirtualNetwork network, InetSocketAddress from, DtlsConnection client) {
        network.start(from, client);
        network.run();
        assertThat(client.status()).as("client from " + from + ": " + network.eventsOf(from))
                .isEqualTo(DtlsConnection.Status.ESTABLISHED);
        return client.session().orElseThrow();
    }

    private static List<HandshakeType> serverPlaintextHandshake(VirtualNetwork network, InetSocketAddress client)
            throws Exception {
        List<HandshakeType> types = new ArrayList<>();
        for (VirtualNetwork.Packet packet : network.delivered) {
            if (packet.to().equals(client)) {
                for (Record record : Wire.records(packet.bytes())) {
                    if (record.type() == ContentType.HANDSHAKE && record.epoch() == 0) {
                        types.add(HandshakeType.of(Wire.onlyFragment(record).type()).orElseThrow());
                    }
                }
            }
        }
        return types;
    }

    /** A server and a client that got a ticket in a first full handshake from {@link Fixture#CLIENT}. */
    private final class Ticketed {
        final DtlsServer server;
        final VirtualNetwork network;
        final DtlsConfig clientConfig = clientConfig();
        final ClientSessionCache cache = new ClientSessionCache(clientConfig);

        Ticketed(SessionTickets tickets) {
            server = Fixture.server(serverConfig(tickets));
            network = new VirtualNetwork(server, 1, 0, 5);
            DtlsSession first = connect(network, CLIENT, client(clientConfig, 2, cache, network.now));
            assertThat(first.resumed()).isFalse();
        }

        ResumableSession cached() {
            return cache.find(VirtualNetwork.SERVER, Optional.empty(), network.now).orElseThrow();
        }

        DtlsSession again(InetSocketAddress from, long seed) {
            return connect(network, from, client(clientConfig, seed, cache, network.now));
        }
    }

    @Test
    void theServerSealsTheSessionIntoATicketKeepsNothingAndResumesFromItAfterTheCookie() throws Exception {
        Ticketed t = new Ticketed(tickets(Duration.ofHours(1), 1));
        assertThat(t.server.metrics().ticketsIssued()).isEqualTo(1);
        assertThat(t.server.engine().serverSessions.size()).as("the ticket holds the session, not the cache").isZero();
        assertThat(t.cached().ticket()).isPresent();
        assertThat(serverPlaintextHandshake(t.network, CLIENT)).contains(HandshakeType.NEW_SESSION_TICKET);

        DtlsSession second = t.again(SECOND, 3);
        DtlsSession serverSide = t.server.session(SECOND).orElseThrow();
        assertThat(second.resumed()).isTrue();
        assertThat(serverSide.resumed()).isTrue();
        assertThat(serverSide.peerPrincipal()).isEqualTo(new PskPrincipal(PskIdentity.of("client-1")));
        assertThat(t.server.metrics().ticketsAccepted()).isEqualTo(1);
        assertThat(t.server.metrics().resumedHandshakes()).isEqualTo(1);
        // Never without the cookie exchange (Californium CVE-2022-2576): HelloVerifyRequest, then the abbreviated
        // ServerHello; no key exchange, no second ticket.
        assertThat(t.server.metrics().helloVerifyRequestsSent()).isEqualTo(2);
        assertThat(serverPlaintextHandshake(t.network, SECOND))
                .containsExactly(HandshakeType.HELLO_VERIFY_REQUEST, HandshakeType.SERVER_HELLO);
    }

    @Test
    void aForgedTicketGetsAFullHandshake() {
        Ticketed t = new Ticketed(tickets(Duration.ofHours(1), 1));
        ResumableSession session = t.cached();
        byte[] forged = session.ticket().orElseThrow();
        forged[forged.length / 2] ^= 1;
        t.cache.put(VirtualNetwork.SERVER, session.withTicket(forged), t.network.now);

        DtlsSession second = t.again(SECOND, 3);
        assertThat(second.resumed()).isFalse();
        assertThat(t.server.metrics().ticketsAccepted()).isZero();
        assertThat(t.server.metrics().fullHandshakes()).isEqualTo(2);
    }

    @Test
    void anExpiredTicketGetsAFullHandshake() {
        Ticketed t = new Ticketed(tickets(Duration.ofDays(1), 1));
        wallClock.addAndGet(LIFETIME.toMillis());
        assertThat(t.again(SECOND, 3).resumed()).isFalse();
        assertThat(t.server.metrics().ticketsAccepted()).isZero();
        assertThat(t.server.metrics().ticketsIssued()).as("the full handshake brings a new ticket").isEqualTo(2);
    }

    @Test
    void aTicketUnderThePreviousKeyResumesOneUnderARetiredKeyDoesNot() {
        Ticketed kept = new Ticketed(tickets(Duration.ofMinutes(1), 1));
        wallClock.addAndGet(Duration.ofMinutes(1).toMillis());
        assertThat(kept.again(SECOND, 3).resumed()).as("the previous key still opens tickets").isTrue();

        Ticketed retired = new Ticketed(tickets(Duration.ofMinutes(1), 1));
        wallClock.addAndGet(Duration.ofMinutes(2).toMillis());
        assertThat(retired.again(SECOND, 3).resumed()).as("two rotations later the key is retired").isFalse();
        assertThat(retired.server.metrics().ticketsAccepted()).isZero();
    }

    @Test
    void aTicketUnderThePreviousKeyIsRenewedInTheAbbreviatedHandshakeAndTheRenewalOutlivesTheOldKey()
            throws Exception {
        Ticketed t = new Ticketed(tickets(Duration.ofMinutes(1), 1));
        byte[] first = t.cached().ticket().orElseThrow();
        wallClock.addAndGet(Duration.ofMinutes(1).toMillis()); // the key that sealed it now only opens

        DtlsSession renewedHere = t.again(SECOND, 3);
        assertThat(renewedHere.resumed()).isTrue();
        // RFC 5077 section 3.4: ServerHello, NewSessionTicket (before ChangeCipherSpec, in the Finished's hash).
        assertThat(serverPlaintextHandshake(t.network, SECOND)).containsExactly(HandshakeType.HELLO_VERIFY_REQUEST,
                HandshakeType.SERVER_HELLO, HandshakeType.NEW_SESSION_TICKET);
        assertThat(t.server.metrics().ticketsIssued()).isEqualTo(2);
        byte[] renewed = t.cached().ticket().orElseThrow();
        assertThat(renewed).isNotEqualTo(first);
        assertThat(t.server.engine().serverSessions.size()).as("still nothing kept by the server").isZero();

        // One rotation later the first ticket's key is retired: the renewed ticket still resumes (and, its key now
        // the previous one, is renewed again), the first one no longer does.
        wallClock.addAndGet(Duration.ofMinutes(1).toMillis());
        InetSocketAddress third = VirtualNetwork.address("10.0.0.4", 40002);
        assertThat(t.again(third, 4).resumed()).as("the renewed ticket").isTrue();
        assertThat(serverPlaintextHandshake(t.network, third)).contains(HandshakeType.NEW_SESSION_TICKET);
        assertThat(t.server.metrics().ticketsAccepted()).isEqualTo(2);

        t.cache.put(VirtualNetwork.SERVER, t.cached().withTicket(first), t.network.now);
        InetSocketAddress fourth = VirtualNetwork.address("10.0.0.5", 40003);
        assertThat(t.again(fourth, 5).resumed()).as("the first ticket, its key retired").isFalse();
        assertThat(t.server.metrics().fullHandshakes()).isEqualTo(2);
    }

    @Test
    void aTicketUnderTheCurrentKeyIsNotRenewed() throws Exception {
        Ticketed t = new Ticketed(tickets(Duration.ofHours(1), 1));
        byte[] first = t.cached().ticket().orElseThrow();

        assertThat(t.again(SECOND, 3).resumed()).isTrue();

        assertThat(t.cached().ticket()).hasValueSatisfying(ticket -> assertThat(ticket).isEqualTo(first));
        assertThat(t.server.metrics().ticketsIssued()).isEqualTo(1);
    }

    @Test
    void aTicketFromAnotherServersKeysGetsAFullHandshake() {
        Ticketed t = new Ticketed(tickets(Duration.ofHours(1), 1));
        // Another seed: a fixture server's deterministic random would repeat the first server's session id.
        DtlsServer other = new DtlsServer(serverConfig(tickets(Duration.ofHours(1), 1)), Fixture.crypto(99),
                new DtlsMetrics(), 0);
        VirtualNetwork network = new VirtualNetwork(other, 1, 0, 5);
        DtlsConnection client = client(t.clientConfig, 3, t.cache, network.now);
        assertThat(connect(network, SECOND, client).resumed()).isFalse();
        assertThat(other.metrics().ticketsAccepted()).isZero();
    }

    @Test
    void aTicketReplayedFromAnotherAddressMeetsTheCookieAndEstablishesNothing() throws Exception {
        Ticketed t = new Ticketed(tickets(Duration.ofHours(1), 1));
        List<byte[]> clientHellos = new ArrayList<>();
        t.network.filter = packet -> {
            if (packet.from().equals(SECOND)) {
                clientHellos.add(packet.bytes());
            }
            return true;
        };
        assertThat(t.again(SECOND, 3).resumed()).isTrue();
        long verifyRequests = t.server.metrics().helloVerifyRequestsSent();
        int connections = t.server.connectionCount();
        // Every datagram of the resumption, ticket and cookie for SECOND included, replayed from elsewhere.
        for (byte[] datagram : clientHellos) {
            t.network.inject(ATTACKER, VirtualNetwork.SERVER, datagram);
        }
        t.network.run();
        assertThat(t.server.session(ATTACKER)).isEmpty();
        assertThat(t.server.connectionCount()).isEqualTo(connections);
        assertThat(t.server.metrics().helloVerifyRequestsSent()).isGreaterThan(verifyRequests);
        assertThat(t.server.metrics().ticketsAccepted()).isEqualTo(1);
        // The real client goes on undisturbed.
        assertThat(t.server.session(SECOND)).isPresent();
    }

    @Test
    void aSessionIdTheServerDoesNotKnowGetsAFullHandshake() {
        DtlsConfig config = Fixture.config(InMemoryPskStore.builder().add("client-1", KEY).build(), b -> { });
        ClientSessionCache cache = new ClientSessionCache(config);
        VirtualNetwork first = new VirtualNetwork(Fixture.server(config), 1, 0, 5);
        connect(first, CLIENT, client(config, 2, cache, first.now));
        DtlsServer restarted = new DtlsServer(config, Fixture.crypto(99), new DtlsMetrics(), 0);
        VirtualNetwork network = new VirtualNetwork(restarted, 1, 0, 5);
        DtlsSession session = connect(network, SECOND, client(config, 3, cache, network.now));
        assertThat(session.resumed()).isFalse();
        assertThat(restarted.metrics().fullHandshakes()).isEqualTo(1);
    }

    @Test
    void aSessionEndedByAFatalAlertIsNotResumed() {
        // RFC 5246 section 7.2.2: "any connection terminated with a fatal alert MUST NOT be resumed".
        DtlsConfig config = Fixture.config(InMemoryPskStore.builder().add("client-1", KEY).build(), b -> { });
        ClientSessionCache cache = new ClientSessionCache(config);
        DtlsServer server = Fixture.server(config);
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        DtlsConnection first = client(config, 2, cache, network.now);
        connect(network, CLIENT, first);
        assertThat(server.engine().serverSessions.size()).isEqualTo(1);

        byte[] alert = io.coaps4j.dtls.alert.Alert.fatal(io.coaps4j.dtls.alert.AlertDescription.INTERNAL_ERROR).encode();
        network.inject(CLIENT, VirtualNetwork.SERVER, first.recordLayer().protect(Fixture.crypto(7),
                ContentType.ALERT, alert, 0, alert.length));
        network.run();
        assertThat(server.session(CLIENT)).isEmpty();
        assertThat(server.engine().serverSessions.size()).as("the failed session's entry is gone").isZero();

        assertThat(connect(network, SECOND, client(config, 3, cache, network.now)).resumed()).isFalse();
    }

    @Test
    void aServerWithoutTicketsIgnoresTheOfferAndResumesBySessionId() {
        DtlsConfig server = Fixture.config(InMemoryPskStore.builder().add("client-1", KEY).build(), b -> { });
        DtlsConfig clientConfig = clientConfig();
        ClientSessionCache cache = new ClientSessionCache(clientConfig);
        DtlsServer dtls = Fixture.server(server);
        VirtualNetwork network = new VirtualNetwork(dtls, 1, 0, 5);
        connect(network, CLIENT, client(clientConfig, 2, cache, network.now));
        assertThat(cache.find(VirtualNetwork.SERVER, Optional.empty(), network.now).orElseThrow().ticket()).isEmpty();
        assertThat(connect(network, SECOND, client(clientConfig, 3, cache, network.now)).resumed()).isTrue();
        assertThat(dtls.metrics().ticketsIssued()).isZero();
    }
}
