package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.config.ExtendedMasterSecretMode;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.credentials.PskIdentity;
import io.coaps4j.dtls.credentials.PskPrincipal;
import io.coaps4j.dtls.credentials.RawPublicKeyPrincipal;
import io.coaps4j.dtls.handshake.ResumableSession;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.Record;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static io.coaps4j.dtls.engine.Fixture.CLIENT;
import static io.coaps4j.dtls.engine.Fixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** Session resumption by session id (RFC 5246 section 7.3), both roles, in virtual time. */
class ResumptionTest {
    private static final InetSocketAddress SECOND = VirtualNetwork.address("10.0.0.3", 40001);
    private static final InetSocketAddress THIRD = VirtualNetwork.address("10.0.0.4", 40002);

    private static DtlsConfig psk(Consumer<DtlsConfig.Builder> tweak) {
        return Fixture.config(InMemoryPskStore.builder().add("client-1", KEY).build(), tweak);
    }

    private static DtlsConnection client(DtlsConfig config, long seed, Optional<String> name, ClientSessionCache cache,
                                         long now) {
        return DtlsConnection.client(config, Fixture.crypto(seed), new DtlsMetrics(), VirtualNetwork.SERVER, name,
                cache, now);
    }

    private static DtlsSession connect(VirtualNetwork network, InetSocketAddress from, DtlsConnection client) {
        network.start(from, client);
        network.run();
        assertThat(client.status()).as("client from " + from + ": " + network.eventsOf(from)).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        return client.session().orElseThrow();
    }

    /** The handshake message types the server sent to {@code client} in plaintext records. */
    private static List<HandshakeType> serverPlaintextHandshake(VirtualNetwork network, InetSocketAddress client)
            throws Exception {
        List<HandshakeType> types = new ArrayList<>();
        for (VirtualNetwork.Packet packet : network.delivered) {
            if (!packet.to().equals(client)) {
                continue;
            }
            for (Record record : Wire.records(packet.bytes())) {
                if (record.type() == ContentType.HANDSHAKE && record.epoch() == 0) {
                    types.add(HandshakeType.of(Wire.onlyFragment(record).type()).orElseThrow());
                }
            }
        }
        return types;
    }

    @Test
    void pskSessionIsResumedAfterTheCookieWithTheOriginalPeerAndNewKeys() throws Exception {
        DtlsConfig serverConfig = psk(b -> { });
        DtlsConfig clientConfig = psk(b -> { });
        DtlsServer server = Fixture.server(serverConfig);
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        ClientSessionCache cache = new ClientSessionCache(clientConfig);

        DtlsSession first = connect(network, CLIENT, client(clientConfig, 2, Optional.empty(), cache, network.now));
        assertThat(first.resumed()).isFalse();
        assertThat(cache.size()).isEqualTo(1);

        DtlsConnection again = client(clientConfig, 3, Optional.empty(), cache, network.now);
        DtlsSession second = connect(network, SECOND, again);
        DtlsSession serverSide = server.session(SECOND).orElseThrow();

        assertThat(second.resumed()).isTrue();
        assertThat(serverSide.resumed()).isTrue();
        assertThat(second.sessionId()).isEqualTo(first.sessionId());
        assertThat(serverSide.peerPrincipal()).isEqualTo(new PskPrincipal(PskIdentity.of("client-1")));
        assertThat(server.metrics().resumedHandshakes()).isEqualTo(1);
        assertThat(server.metrics().fullHandshakes()).isEqualTo(1);
        // The cookie exchange comes first for the resumption too (Californium CVE-2022-2576).
        assertThat(server.metrics().helloVerifyRequestsSent()).isEqualTo(2);
        // Abbreviated: HelloVerifyRequest and ServerHello in epoch 0, no key exchange, no ServerHelloDone.
        assertThat(serverPlaintextHandshake(network, SECOND))
                .containsExactly(HandshakeType.HELLO_VERIFY_REQUEST, HandshakeType.SERVER_HELLO);

        network.clientOutput(SECOND, again.send("ping".getBytes(StandardCharsets.US_ASCII), network.now));
        network.run();
        DtlsEvent.ApplicationData received = Fixture.eventsOfType(network.serverEventsOf(SECOND),
                DtlsEvent.ApplicationData.class).get(0);
        assertThat(new String(received.data(), StandardCharsets.US_ASCII)).isEqualTo("ping");
        assertThat(received.session()).isSameAs(serverSide);
    }

    @Test
    void theSameSessionResumedFromTwoAddressesGetsTwoCookieExchangesAndDistinctKeys() throws Exception {
        DtlsConfig config = psk(b -> { });
        DtlsServer server = Fixture.server(config);
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        ClientSessionCache cache = new ClientSessionCache(config);
        connect(network, CLIENT, client(config, 2, Optional.empty(), cache, network.now));
        DtlsConnection second = client(config, 3, Optional.empty(), cache, network.now);
        DtlsConnection third = client(config, 4, Optional.empty(), cache, network.now);
        assertThat(connect(network, SECOND, second).resumed()).isTrue();
        assertThat(connect(network, THIRD, third).resumed()).isTrue();
        assertThat(server.metrics().helloVerifyRequestsSent()).isEqualTo(3);

        // Same plaintext, same sequence state: only the key blocks differ, from the new randoms.
        network.clientOutput(SECOND, second.send("same".getBytes(StandardCharsets.US_ASCII), network.now));
        network.clientOutput(THIRD, third.send("same".getBytes(StandardCharsets.US_ASCII), network.now));
        List<byte[]> data = new ArrayList<>();
        network.filter = packet -> {
            if (packet.to().equals(VirtualNetwork.SERVER)) {
                data.add(packet.bytes());
            }
            return true;
        };
        network.clientOutput(SECOND, second.send("same".getBytes(StandardCharsets.US_ASCII), network.now));
        network.clientOutput(THIRD, third.send("same".getBytes(StandardCharsets.US_ASCII), network.now));
        network.run();
        assertThat(data).hasSize(2);
        assertThat(data.get(0)).isNotEqualTo(data.get(1));
        assertThat(Fixture.eventsOfType(network.serverEventsOf(THIRD), DtlsEvent.ApplicationData.class)).hasSize(2);
    }

    @Test
    void rawPublicKeySessionIsResumedWithTheOriginalPeerKey() {
        DtlsConfig serverConfig = PublicKeyFixture.config(b -> b.credentials(PublicKeyFixture.serverRpk()));
        DtlsConfig clientConfig = PublicKeyFixture.config(b -> b.credentials(PublicKeyFixture.clientRpk()));
        DtlsServer server = Fixture.server(serverConfig);
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        ClientSessionCache cache = new ClientSessionCache(clientConfig);
        connect(network, CLIENT, client(clientConfig, 2, Optional.empty(), cache, network.now));

        DtlsSession resumed = connect(network, SECOND, client(clientConfig, 3, Optional.empty(), cache, network.now));

        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.peerPrincipal()).isEqualTo(new RawPublicKeyPrincipal(PublicKeyFixture.SERVER_KEY.getPublic()));
        assertThat(server.session(SECOND).orElseThrow().peerPrincipal())
                .isEqualTo(new RawPublicKeyPrincipal(PublicKeyFixture.CLIENT_KEY.getPublic()));
        assertThat(server.metrics().resumedHandshakes()).isEqualTo(1);
    }

    @Test
    void aSessionIdTheServerDoesNotKnowLeadsToAFullHandshake() {
        DtlsConfig config = psk(b -> { });
        ClientSessionCache cache = new ClientSessionCache(config);
        VirtualNetwork before = new VirtualNetwork(Fixture.server(config), 1, 0, 5);
        DtlsSession first = connect(before, CLIENT, client(config, 2, Optional.empty(), cache, before.now));

        // Another server (a restart): the id is unknown there.
        DtlsServer restarted = new DtlsServer(config, Fixture.crypto(7), new DtlsMetrics(), 0);
        VirtualNetwork after = new VirtualNetwork(restarted, 1, 0, 5);
        DtlsSession second = connect(after, CLIENT, client(config, 3, Optional.empty(), cache, after.now));

        assertThat(second.resumed()).isFalse();
        assertThat(second.sessionId()).isNotEqualTo(first.sessionId());
        assertThat(restarted.metrics().fullHandshakes()).isEqualTo(1);
        assertThat(cache.find(VirtualNetwork.SERVER, Optional.empty(), after.now).orElseThrow().sessionId())
                .isEqualTo(second.sessionId());
    }

    @Test
    void theServerDoesNotResumeASessionOfferedUnderAnotherServerName() {
        DtlsConfig config = psk(b -> { });
        DtlsServer server = Fixture.server(config);
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        ClientSessionCache cache = new ClientSessionCache(config);
        connect(network, CLIENT, client(config, 2, Optional.of("a.example"), cache, network.now));
        ResumableSession cached = cache.find(VirtualNetwork.SERVER, Optional.of("a.example"), network.now).orElseThrow();
        // A client that offers that session's id under another name (RFC 6066 section 3 forbids resuming it).
        cache.put(VirtualNetwork.SERVER, Optional.of("b.example"), cached, network.now);

        DtlsSession second = connect(network, SECOND, client(config, 3, Optional.of("b.example"), cache, network.now));

        assertThat(second.resumed()).isFalse();
        assertThat(server.metrics().resumedHandshakes()).isZero();
        assertThat(server.metrics().fullHandshakes()).isEqualTo(2);
    }

    @Test
    void theServerDoesNotResumeASessionOfAnotherSecurityMode() {
        DtlsConfig serverConfig = PublicKeyFixture.config(b -> b.credentials(PublicKeyFixture.serverRpk())
                .credentials(PublicKeyFixture.serverCertificate()));
        DtlsConfig rpkClient = PublicKeyFixture.config(b -> b.credentials(PublicKeyFixture.clientRpk()));
        DtlsConfig certificateClient = PublicKeyFixture.config(b -> b.credentials(PublicKeyFixture.clientCertificate()));
        DtlsServer server = Fixture.server(serverConfig);
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        ClientSessionCache cache = new ClientSessionCache(rpkClient);
        Optional<String> name = Optional.of("server.example");
        connect(network, CLIENT, client(rpkClient, 2, name, cache, network.now));

        // Same suite offered, but only X.509 now: the RawPublicKey session must not be resumed.
        DtlsSession second = connect(network, SECOND, client(certificateClient, 3, name, cache, network.now));

        assertThat(second.resumed()).isFalse();
        assertThat(server.metrics().resumedHandshakes()).isZero();
    }

    @Test
    void aSessionWithoutExtendedMasterSecretIsNeverResumed() {
        // RFC 7627 section 5.3: neither side keeps it for resumption.
        DtlsConfig server = psk(b -> { });
        DtlsConfig client = psk(b -> b.extendedMasterSecret(ExtendedMasterSecretMode.DISABLED));
        DtlsServer dtlsServer = Fixture.server(server);
        VirtualNetwork network = new VirtualNetwork(dtlsServer, 1, 0, 5);
        ClientSessionCache cache = new ClientSessionCache(client);
        connect(network, CLIENT, client(client, 2, Optional.empty(), cache, network.now));
        assertThat(cache.size()).isZero();

        DtlsSession second = connect(network, SECOND, client(client, 3, Optional.empty(), cache, network.now));
        assertThat(second.resumed()).isFalse();
        assertThat(dtlsServer.metrics().resumedHandshakes()).isZero();
    }

    @Test
    void expiredSessionsAreNotResumedOnEitherSide() {
        DtlsConfig config = psk(b -> b.sessionLifetime(Duration.ofHours(3)));
        DtlsServer server = Fixture.server(config);
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        ClientSessionCache cache = new ClientSessionCache(config);
        DtlsSession first = connect(network, CLIENT, client(config, 2, Optional.empty(), cache, network.now));
        ResumableSession cached = cache.find(VirtualNetwork.SERVER, Optional.empty(), network.now).orElseThrow();
        network.now += Duration.ofHours(3).toNanos();
        assertThat(cache.find(VirtualNetwork.SERVER, Optional.empty(), network.now)).isEmpty();

        // Offered anyway (as by a client with a longer lifetime): the server's entry expired too.
        cache.put(VirtualNetwork.SERVER, cached, network.now);
        DtlsSession second = connect(network, SECOND, client(config, 3, Optional.empty(), cache, network.now));
        assertThat(second.resumed()).isFalse();
        assertThat(second.sessionId()).isNotEqualTo(first.sessionId());
    }

    @Test
    void theServerCacheKeepsOnlyTheMostRecentSessions() {
        DtlsConfig serverConfig = psk(b -> b.sessionCacheSize(1));
        DtlsConfig clientConfig = psk(b -> { });
        DtlsServer server = Fixture.server(serverConfig);
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        ClientSessionCache firstCache = new ClientSessionCache(clientConfig);
        ClientSessionCache secondCache = new ClientSessionCache(clientConfig);
        connect(network, CLIENT, client(clientConfig, 2, Optional.empty(), firstCache, network.now));
        connect(network, SECOND, client(clientConfig, 3, Optional.empty(), secondCache, network.now));

        // The first session was pushed out of the server's one-entry cache, the second is there.
        DtlsSession evicted = connect(network, THIRD, client(clientConfig, 4, Optional.empty(), firstCache, network.now));
        assertThat(evicted.resumed()).isFalse();
        InetSocketAddress fourth = VirtualNetwork.address("10.0.0.5", 40003);
        DtlsSession kept = connect(network, fourth, client(clientConfig, 5, Optional.empty(), secondCache, network.now));
        assertThat(kept.resumed()).isFalse(); // the third's full handshake took the only place
        assertThat(server.metrics().resumedHandshakes()).isZero();
    }

    @Test
    void theClientCacheIsBoundedAndResumptionCanBeSwitchedOff() {
        DtlsConfig one = psk(b -> b.sessionCacheSize(1));
        ClientSessionCache cache = new ClientSessionCache(one);
        DtlsServer server = Fixture.server(psk(b -> { }));
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        connect(network, CLIENT, client(one, 2, Optional.of("a.example"), cache, network.now));
        connect(network, SECOND, client(one, 3, Optional.of("b.example"), cache, network.now));
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.find(VirtualNetwork.SERVER, Optional.of("a.example"), network.now)).isEmpty();

        DtlsConfig off = psk(b -> b.resumption(false));
        DtlsSession notResumed = connect(network, THIRD, client(off, 4, Optional.of("b.example"), cache, network.now));
        assertThat(notResumed.resumed()).isFalse();
        assertThat(server.metrics().resumedHandshakes()).isZero();
    }

    @Test
    void aPskSessionIsNotResumedFromAnAddressItsIdentityIsNotGrantedTo() {
        // The server grants "client-1" to CLIENT only: a replay of its session id from SECOND must not resume.
        DtlsConfig serverConfig = Fixture.config(InMemoryPskStore.builder()
                .add("client-1", KEY, io.coaps4j.dtls.credentials.PskPeer.address(CLIENT)).build(), b -> { });
        DtlsConfig clientConfig = psk(b -> { });
        DtlsServer server = Fixture.server(serverConfig);
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        ClientSessionCache cache = new ClientSessionCache(clientConfig);
        connect(network, CLIENT, client(clientConfig, 2, Optional.empty(), cache, network.now));

        DtlsConnection replay = client(clientConfig, 3, Optional.empty(), cache, network.now);
        network.start(SECOND, replay);
        network.run();

        assertThat(replay.status()).isEqualTo(DtlsConnection.Status.FAILED);
        assertThat(server.metrics().resumedHandshakes()).isZero();
        assertThat(server.session(SECOND)).isEmpty();
        assertThat(server.metrics().helloVerifyRequestsSent()).isEqualTo(2);
    }

    @Test
    void abbreviatedHandshakesCompleteOverALossyNetwork() {
        // The client sends the last flight here, the reverse of a full handshake. At 30 % loss most complete on
        // both sides; the rest end cleanly, and the only split allowed is the last-flight ambiguity of RFC 6347
        // section 4.2.4: the client completed, the server gave up on a final flight it never received.
        int resumedOnBothSides = 0;
        for (long seed = 1; seed <= 20; seed++) {
            DtlsConfig config = psk(b -> b.retransmission(io.coaps4j.dtls.flight.RetransmissionPolicy.DEFAULT));
            DtlsServer server = Fixture.server(config);
            VirtualNetwork network = new VirtualNetwork(server, seed, 0, 5);
            ClientSessionCache cache = new ClientSessionCache(config);
            connect(network, CLIENT, client(config, 2, Optional.empty(), cache, network.now));
            VirtualNetwork lossy = new VirtualNetwork(server, seed, 0.3, 5);
            lossy.now = network.now;
            DtlsConnection again = client(config, seed + 10, Optional.empty(), cache, lossy.now);
            lossy.start(SECOND, again);
            lossy.run();
            Optional<DtlsSession> serverSide = server.session(SECOND);
            if (again.status() == DtlsConnection.Status.ESTABLISHED && serverSide.isPresent()) {
                assertThat(again.session().orElseThrow().resumed()).isTrue();
                assertThat(serverSide.get().resumed()).isTrue();
                resumedOnBothSides++;
            } else if (again.status() == DtlsConnection.Status.ESTABLISHED) {
                assertThat(Fixture.eventsOfType(lossy.serverEventsOf(SECOND), DtlsEvent.Failed.class))
                        .as("seed " + seed).hasSize(1);
            } else {
                assertThat(again.status()).as("seed " + seed).isEqualTo(DtlsConnection.Status.FAILED);
                assertThat(serverSide).as("seed " + seed).isEmpty();
            }
        }
        assertThat(resumedOnBothSides).isGreaterThanOrEqualTo(17);
    }

    @Test
    void aLostFinalFlightOfTheClientIsSentAgainWhenTheServerRetransmits() {
        DtlsConfig config = psk(b -> { });
        DtlsServer server = Fixture.server(config);
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        ClientSessionCache cache = new ClientSessionCache(config);
        connect(network, CLIENT, client(config, 2, Optional.empty(), cache, network.now));
        int[] finalFlights = {0};
        network.filter = packet -> {
            boolean finalFlight = packet.from().equals(SECOND) && Wire.records(packet.bytes()).stream()
                    .anyMatch(r -> r.type() == ContentType.CHANGE_CIPHER_SPEC);
            return !finalFlight || ++finalFlights[0] > 1;
        };
        DtlsConnection again = client(config, 3, Optional.empty(), cache, network.now);
        network.start(SECOND, again);
        network.run();

        assertThat(finalFlights[0]).isEqualTo(2);
        assertThat(server.session(SECOND)).as("server " + network.serverEventsOf(SECOND)).isPresent();
        assertThat(server.session(SECOND).orElseThrow().resumed()).isTrue();
    }
}
