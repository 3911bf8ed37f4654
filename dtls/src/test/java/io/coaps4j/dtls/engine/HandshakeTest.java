package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.alert.AlertDescription;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.config.ExtendedMasterSecretMode;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.credentials.PskPeer;
import io.coaps4j.dtls.credentials.PskPrincipal;
import io.coaps4j.dtls.handshake.message.ExtensionType;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.handshake.message.ServerHello;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.Record;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.coaps4j.dtls.engine.Fixture.CLIENT;
import static io.coaps4j.dtls.engine.Fixture.KEY;
import static io.coaps4j.dtls.engine.Fixture.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

class HandshakeTest {

    @Test
    void clientAndServerCompleteAHandshakeAndExchangeData() {
        DtlsServer server = Fixture.server(Fixture.config("client-1", KEY));
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        DtlsConnection client = Fixture.client(Fixture.config("client-1", KEY), 2);

        network.start(CLIENT, client);
        network.run();

        assertThat(client.status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        assertThat(network.eventsOf(CLIENT)).hasSize(1).first().isInstanceOf(DtlsEvent.HandshakeCompleted.class);
        assertThat(network.serverEventsOf(CLIENT)).hasSize(1).first().isInstanceOf(DtlsEvent.HandshakeCompleted.class);
        DtlsSession serverSide = server.session(CLIENT).orElseThrow();
        DtlsSession clientSide = client.session().orElseThrow();
        assertThat(serverSide.sessionId()).isEqualTo(clientSide.sessionId()).hasSize(32);
        assertThat(serverSide.epoch()).isEqualTo(1);
        assertThat(clientSide.epoch()).isEqualTo(1);
        assertThat(serverSide.extendedMasterSecret()).isTrue();
        assertThat(clientSide.extendedMasterSecret()).isTrue();
        assertThat(serverSide.peerPrincipal()).isEqualTo(new PskPrincipal(io.coaps4j.dtls.credentials.PskIdentity.of("client-1")));
        assertThat(server.metrics().handshakesSucceeded()).isEqualTo(1);
        assertThat(server.metrics().helloVerifyRequestsSent()).isEqualTo(1);
        assertThat(server.handshakeCount()).isZero();

        network.clientOutput(CLIENT, client.send("ping".getBytes(StandardCharsets.US_ASCII), network.now));
        network.run();
        DtlsEvent.ApplicationData received = Fixture.eventsOfType(network.serverEventsOf(CLIENT),
                DtlsEvent.ApplicationData.class).get(0);
        assertThat(new String(received.data(), StandardCharsets.US_ASCII)).isEqualTo("ping");
        assertThat(received.epoch()).isEqualTo(1);
        assertThat(received.session()).isSameAs(serverSide);

        network.serverOutput(server.send(CLIENT, "pong".getBytes(StandardCharsets.US_ASCII), network.now));
        network.run();
        DtlsEvent.ApplicationData answer = Fixture.eventsOfType(network.eventsOf(CLIENT),
                DtlsEvent.ApplicationData.class).get(0);
        assertThat(new String(answer.data(), StandardCharsets.US_ASCII)).isEqualTo("pong");
        assertThat(answer.session()).isSameAs(clientSide);
    }

    @Test
    void withoutExtendedMasterSecretOnEitherSideTheHandshakeStillCompletes() {
        for (ExtendedMasterSecretMode[] modes : new ExtendedMasterSecretMode[][] {
                {ExtendedMasterSecretMode.DISABLED, ExtendedMasterSecretMode.ENABLED},
                {ExtendedMasterSecretMode.ENABLED, ExtendedMasterSecretMode.DISABLED}}) {
            DtlsServer server = Fixture.server(Fixture.config(InMemoryPskStore.builder().add("c", KEY).build(),
                    b -> b.extendedMasterSecret(modes[1])));
            VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
            DtlsConnection client = Fixture.client(Fixture.config(InMemoryPskStore.builder().add("c", KEY).build(),
                    b -> b.extendedMasterSecret(modes[0])), 3);
            network.start(CLIENT, client);
            network.run();

            assertThat(client.status()).as("client %s, server %s", modes[0], modes[1])
                    .isEqualTo(DtlsConnection.Status.ESTABLISHED);
            assertThat(client.session().orElseThrow().extendedMasterSecret()).isFalse();
            assertThat(server.session(CLIENT).orElseThrow().extendedMasterSecret()).isFalse();
        }
    }

    @Test
    void serverRequiringExtendedMasterSecretRefusesALegacyClient() {
        DtlsServer server = Fixture.server(Fixture.config(InMemoryPskStore.builder().add("c", KEY).build(),
                b -> b.extendedMasterSecret(ExtendedMasterSecretMode.REQUIRED)));
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        DtlsConnection client = Fixture.client(Fixture.config(InMemoryPskStore.builder().add("c", KEY).build(),
                b -> b.extendedMasterSecret(ExtendedMasterSecretMode.DISABLED)), 3);
        network.start(CLIENT, client);
        network.run();

        assertThat(client.status()).isEqualTo(DtlsConnection.Status.FAILED);
        DtlsEvent.Failed failed = Fixture.eventsOfType(network.eventsOf(CLIENT), DtlsEvent.Failed.class).get(0);
        assertThat(failed.origin()).isEqualTo(DtlsEvent.FailureOrigin.PEER_ALERT);
        assertThat(failed.alert()).contains(AlertDescription.HANDSHAKE_FAILURE);
        assertThat(server.connectionCount()).isZero();
        assertThat(server.metrics().handshakesFailed(AlertDescription.HANDSHAKE_FAILURE)).isEqualTo(1);
    }

    @Test
    void clientRequiringExtendedMasterSecretRefusesALegacyServer() {
        DtlsServer server = Fixture.server(Fixture.config(InMemoryPskStore.builder().add("c", KEY).build(),
                b -> b.extendedMasterSecret(ExtendedMasterSecretMode.DISABLED)));
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        DtlsConnection client = Fixture.client(Fixture.config(InMemoryPskStore.builder().add("c", KEY).build(),
                b -> b.extendedMasterSecret(ExtendedMasterSecretMode.REQUIRED)), 3);
        network.start(CLIENT, client);
        network.run();

        DtlsEvent.Failed failed = Fixture.eventsOfType(network.eventsOf(CLIENT), DtlsEvent.Failed.class).get(0);
        assertThat(failed.origin()).isEqualTo(DtlsEvent.FailureOrigin.LOCAL_ALERT);
        assertThat(failed.alert()).contains(AlertDescription.HANDSHAKE_FAILURE);
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void serverChoosesTheKeyByTheNameTheClientAskedFor() {
        InMemoryPskStore serverStore = InMemoryPskStore.builder()
                .add("device", KEY, PskPeer.hostName("a.example"))
                .add("device", OTHER_KEY, PskPeer.hostName("b.example"))
                .build();
        DtlsServer server = Fixture.server(Fixture.config(serverStore, b -> { }));
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        List<ServerHello> serverHellos = new ArrayList<>();
        network.filter = packet -> {
            if (packet.to().equals(CLIENT) && Wire.firstHandshakeType(packet.bytes()) == HandshakeType.SERVER_HELLO.code()) {
                try {
                    Record record = Wire.records(packet.bytes()).get(0);
                    serverHellos.add(ServerHello.decode(Wire.onlyFragment(record).fragmentBytes()));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            return true;
        };
        InMemoryPskStore clientStore = InMemoryPskStore.builder()
                .add("device", OTHER_KEY, PskPeer.hostName("b.example")).build();
        DtlsConnection client = Fixture.client(Fixture.config(clientStore, b -> { }), 4, Optional.of("B.Example"));
        network.start(CLIENT, client);
        network.run();

        assertThat(client.status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        DtlsSession session = server.session(CLIENT).orElseThrow();
        assertThat(session.serverName()).contains("b.example");
        assertThat(session.peerPrincipal().getName()).isEqualTo("device");
        assertThat(serverHellos).hasSize(1);
        assertThat(serverHellos.get(0).extensions().contains(ExtensionType.SERVER_NAME)).isTrue();
    }

    @Test
    void theSameIdentityUnderAnotherNameHasAnotherKey() {
        InMemoryPskStore serverStore = InMemoryPskStore.builder()
                .add("device", KEY, PskPeer.hostName("a.example"))
                .add("device", OTHER_KEY, PskPeer.hostName("b.example"))
                .build();
        DtlsServer server = Fixture.server(Fixture.config(serverStore, b -> { }));
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        // The client holds a.example's key but asks for b.example.
        DtlsConnection client = Fixture.client(Fixture.config("device", KEY), 4, Optional.of("b.example"));
        network.start(CLIENT, client);
        network.run();

        assertThat(client.status()).isEqualTo(DtlsConnection.Status.FAILED);
        assertThat(Fixture.eventsOfType(network.eventsOf(CLIENT), DtlsEvent.Failed.class).get(0).alert())
                .contains(AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void closeNotifyFromTheClientClosesBothSidesAndFreesTheServer() {
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        DtlsConnection client = Fixture.client(Fixture.config("c", KEY), 5);
        network.start(CLIENT, client);
        network.run();

        network.clientOutput(CLIENT, client.close(network.now));
        network.run();

        assertThat(client.status()).isEqualTo(DtlsConnection.Status.CLOSED);
        assertThat(network.eventsOf(CLIENT)).last().isEqualTo(new DtlsEvent.Closed(DtlsEvent.CloseReason.LOCAL_CLOSE));
        assertThat(network.serverEventsOf(CLIENT)).last().isEqualTo(new DtlsEvent.Closed(DtlsEvent.CloseReason.PEER_CLOSED));
        assertThat(server.connectionCount()).isZero();
        assertThat(server.nextDeadline()).isEqualTo(DtlsResult.NO_DEADLINE);
    }

    @Test
    void closeNotifyFromTheServerClosesTheClient() {
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        DtlsConnection client = Fixture.client(Fixture.config("c", KEY), 5);
        network.start(CLIENT, client);
        network.run();

        network.serverOutput(server.close(CLIENT, network.now));
        network.run();

        assertThat(server.connectionCount()).isZero();
        assertThat(client.status()).isEqualTo(DtlsConnection.Status.CLOSED);
        assertThat(network.eventsOf(CLIENT)).last().isEqualTo(new DtlsEvent.Closed(DtlsEvent.CloseReason.PEER_CLOSED));
    }

    @Test
    void serverFlightFragmentedToSmallDatagramsIsReassembled() {
        DtlsServer server = Fixture.server(Fixture.config(InMemoryPskStore.builder().add("c", KEY).build(),
                b -> b.maxDatagramSize(64).pskIdentityHint("a hint that makes the flight longer")));
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        DtlsConnection client = Fixture.client(Fixture.config("c", KEY), 6);
        network.start(CLIENT, client);
        network.run();

        assertThat(client.status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        List<VirtualNetwork.Packet> fromServer = network.delivered.stream().filter(p -> p.to().equals(CLIENT)).toList();
        assertThat(fromServer).allMatch(p -> p.bytes().length <= 64);
        assertThat(fromServer.size()).isGreaterThan(5);
    }

    @Test
    void duplicatedDatagramsGiveOneHandshakeOnEachSide() {
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        network.copies = 3;
        DtlsConnection client = Fixture.client(Fixture.config("c", KEY), 7);
        network.start(CLIENT, client);
        network.run();

        assertThat(client.status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        assertThat(Fixture.eventsOfType(network.eventsOf(CLIENT), DtlsEvent.HandshakeCompleted.class)).hasSize(1);
        assertThat(Fixture.eventsOfType(network.serverEventsOf(CLIENT), DtlsEvent.HandshakeCompleted.class)).hasSize(1);
        assertThat(server.connectionCount()).isEqualTo(1);

        network.clientOutput(CLIENT, client.send(new byte[] {42}, network.now));
        network.run();
        // Copies of a protected record are replays: delivered once.
        assertThat(Fixture.eventsOfType(network.serverEventsOf(CLIENT), DtlsEvent.ApplicationData.class)).hasSize(1);
    }

    @Test
    void lostServerFinishedIsResentWhenTheClientRetransmits() {
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        int[] dropped = {0};
        network.filter = packet -> {
            boolean lastServerFlight = packet.to().equals(CLIENT) && Wire.records(packet.bytes()).stream()
                    .anyMatch(r -> r.type() == ContentType.CHANGE_CIPHER_SPEC);
            if (lastServerFlight && dropped[0] == 0) {
                dropped[0]++;
                return false;
            }
            return true;
        };
        DtlsConnection client = Fixture.client(Fixture.config("c", KEY), 8);
        network.start(CLIENT, client);
        network.run();

        assertThat(dropped[0]).isEqualTo(1);
        assertThat(client.status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        assertThat(server.session(CLIENT)).isPresent();
    }

    @Test
    void aRestartedClientReplacesItsOldConnectionAfterTheCookieExchange() {
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        DtlsConnection first = Fixture.client(Fixture.config("c", KEY), 9);
        network.start(CLIENT, first);
        network.run();
        DtlsSession old = server.session(CLIENT).orElseThrow();

        DtlsConnection second = Fixture.client(Fixture.config("c", KEY), 10);
        network.start(CLIENT, second);
        network.run();

        assertThat(second.status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        DtlsSession fresh = server.session(CLIENT).orElseThrow();
        assertThat(fresh).isNotSameAs(old);
        assertThat(fresh.sessionId()).isEqualTo(second.session().orElseThrow().sessionId());
        assertThat(network.serverEventsOf(CLIENT)).contains(new DtlsEvent.Closed(DtlsEvent.CloseReason.REPLACED));
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void aForgedHelloFromTheAddressOfAnExistingConnectionDestroysNothing() {
        DtlsServer server = Fixture.server(Fixture.config("c", KEY));
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        DtlsConnection client = Fixture.client(Fixture.config("c", KEY), 11);
        network.start(CLIENT, client);
        network.run();
        DtlsSession session = server.session(CLIENT).orElseThrow();

        // A blind attacker forges a fresh ClientHello from the client's address; it cannot see the cookie.
        DtlsConnection forger = Fixture.client(Fixture.config("c", KEY), 12);
        byte[] forgedHello = forger.start(network.now).datagrams().get(0);
        DtlsServer.Result answer = server.receive(CLIENT, forgedHello, network.now);

        assertThat(answer.datagrams()).hasSize(1);
        assertThat(Wire.firstHandshakeType(answer.datagrams().get(0).datagram()))
                .isEqualTo(HandshakeType.HELLO_VERIFY_REQUEST.code());
        assertThat(server.session(CLIENT)).containsSame(session);
        network.clientOutput(CLIENT, client.send(new byte[] {1}, network.now));
        network.run();
        assertThat(Fixture.eventsOfType(network.serverEventsOf(CLIENT), DtlsEvent.ApplicationData.class)).hasSize(1);
    }

    @Test
    void clientWithoutCredentialsForTheServerIsRefusedAtCreation() {
        DtlsConfig config = Fixture.config(InMemoryPskStore.builder()
                .add("c", KEY, PskPeer.hostName("elsewhere.example")).build(), b -> { });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Fixture.client(config, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no credentials");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Fixture.client(config, 1, Optional.of("192.0.2.1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("address literal");
    }

    @Test
    void sendingBeforeTheHandshakeCompletedIsAMisuse() {
        DtlsConnection client = Fixture.client(Fixture.config("c", KEY), 13);
        client.start(0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.send(new byte[1], 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("HANDSHAKING");
    }
}
