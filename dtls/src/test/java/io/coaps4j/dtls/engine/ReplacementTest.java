package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.ConnectionIdPolicy;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.record.DropReason;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.coaps4j.dtls.engine.Fixture.CLIENT;
import static io.coaps4j.dtls.engine.Fixture.KEY;
import static io.coaps4j.dtls.engine.Fixture.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6347 section 4.2.8: a client that lost its state starts a new handshake from the address of its
 * session. The server must not destroy the session before the new handshake delivered a verified
 * Finished, and must abandon it then.
 */
class ReplacementTest {
    /** Without CIDs: the replaced session's late records are then told by their bad tag, not an unknown CID. */
    private final DtlsConfig config = Fixture.config(InMemoryPskStore.builder().add("c", KEY).build(),
            builder -> builder.connectionIds(ConnectionIdPolicy.DISABLED));
    private final DtlsServer server = Fixture.server(config);
    private final DtlsConnection first = Fixture.client(config, 1);
    private DtlsSession old;

    /** Runs {@link #first}'s handshake to completion at time 0. */
    private void establishFirst() {
        List<byte[]> toServer = new ArrayList<>(first.start(0).datagrams());
        while (!toServer.isEmpty()) {
            List<byte[]> next = new ArrayList<>();
            for (byte[] datagram : toServer) {
                for (DtlsServer.Outbound out : server.receive(CLIENT, datagram, 0).datagrams()) {
                    next.addAll(first.receive(out.datagram(), 0).datagrams());
                }
            }
            toServer = next;
        }
        old = server.session(CLIENT).orElseThrow();
    }

    /** {@code client} starts and passes the cookie exchange; returns the server's answer to its verified hello. */
    private DtlsServer.Result restartFrom(DtlsConnection client, long now) {
        byte[] hello = client.start(now).datagrams().get(0);
        byte[] verify = server.receive(CLIENT, hello, now).datagrams().get(0).datagram();
        byte[] verifiedHello = client.receive(verify, now).datagrams().get(0);
        return server.receive(CLIENT, verifiedHello, now);
    }

    /** Hands the server's datagrams to {@code client}; returns what the client answers. */
    private static List<byte[]> toClient(DtlsConnection client, DtlsServer.Result result, long now) {
        List<byte[]> answers = new ArrayList<>();
        for (DtlsServer.Outbound out : result.datagrams()) {
            answers.addAll(client.receive(out.datagram(), now).datagrams());
        }
        return answers;
    }

    /** Hands {@code datagrams} to the server; returns its events and datagrams together. */
    private DtlsServer.Result toServer(List<byte[]> datagrams, long now) {
        List<DtlsServer.Outbound> out = new ArrayList<>();
        List<DtlsServer.PeerEvent> events = new ArrayList<>();
        long deadline = DtlsResult.NO_DEADLINE;
        for (byte[] datagram : datagrams) {
            DtlsServer.Result result = server.receive(CLIENT, datagram, now);
            out.addAll(result.datagrams());
            events.addAll(result.events());
            deadline = result.nextDeadline();
        }
        return new DtlsServer.Result(out, events, deadline);
    }

    private static List<DtlsEvent> events(DtlsServer.Result result) {
        return result.events().stream().map(DtlsServer.PeerEvent::event).toList();
    }

    private static String text(DtlsEvent event) {
        return new String(((DtlsEvent.ApplicationData) event).data(), StandardCharsets.US_ASCII);
    }

    @Test
    void theSessionKeepsWorkingDuringTheNewHandshakeAndIsReplacedWhenItCompletes() {
        establishFirst();
        DtlsConnection second = Fixture.client(config, 2);

        DtlsServer.Result flight4 = restartFrom(second, 10);

        assertThat(flight4.events()).as("the new handshake reports nothing yet").isEmpty();
        assertThat(server.successor(CLIENT)).isPresent();
        assertThat(server.session(CLIENT)).containsSame(old);
        assertThat(server.sessionCount()).isEqualTo(1);
        assertThat(server.handshakeCount()).isEqualTo(1);
        assertThat(server.connectionCount()).isEqualTo(2);

        // The old session still carries data both ways.
        DtlsServer.Result request = server.receive(CLIENT, first.send(bytes("old"), 20).datagrams().get(0), 20);
        assertThat(events(request)).singleElement().satisfies(event -> {
            assertThat(((DtlsEvent.ApplicationData) event).session()).isSameAs(old);
            assertThat(text(event)).isEqualTo("old");
        });
        List<DtlsEvent> atFirst = first.receive(server.send(CLIENT, bytes("reply"), 20).datagrams().get(0).datagram(), 20)
                .events();
        assertThat(atFirst).singleElement().satisfies(event -> assertThat(text(event)).isEqualTo("reply"));

        // The new handshake completes: its Finished verified, the old session goes, then the new one is announced.
        DtlsServer.Result completion = toServer(toClient(second, flight4, 30), 30);
        List<DtlsEvent> events = events(completion);
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isEqualTo(new DtlsEvent.Closed(DtlsEvent.CloseReason.REPLACED));
        DtlsSession fresh = ((DtlsEvent.HandshakeCompleted) events.get(1)).session();
        assertThat(fresh).isNotSameAs(old);
        assertThat(server.session(CLIENT)).containsSame(fresh);
        assertThat(server.successor(CLIENT)).isEmpty();
        assertThat(server.connectionCount()).isEqualTo(1);
        assertThat(server.handshakeCount()).isZero();
        assertThat(server.metrics().sessionsReplaced()).isEqualTo(1);
        toClient(second, completion, 30);
        assertThat(second.status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        assertThat(second.session().orElseThrow().sessionId()).isEqualTo(fresh.sessionId());

        // Records of the old session are dropped now; the new session carries data.
        long badTags = server.metrics().recordsDropped(DropReason.BAD_TAG);
        DtlsServer.Result late = server.receive(CLIENT, first.send(bytes("late"), 40).datagrams().get(0), 40);
        assertThat(late.events()).isEmpty();
        assertThat(late.datagrams()).isEmpty();
        assertThat(server.metrics().recordsDropped(DropReason.BAD_TAG)).isEqualTo(badTags + 1);
        DtlsServer.Result current = server.receive(CLIENT, second.send(bytes("new"), 50).datagrams().get(0), 50);
        assertThat(events(current)).singleElement().satisfies(event -> {
            assertThat(((DtlsEvent.ApplicationData) event).session()).isSameAs(fresh);
            assertThat(text(event)).isEqualTo("new");
        });
    }

    @Test
    void aNewHandshakeThatFailsLeavesTheSessionIntactAndUnmentioned() {
        establishFirst();
        // Same identity, wrong key: its Finished never verifies, so the new handshake ends by timeout.
        DtlsConnection wrongKey = Fixture.client(Fixture.config("c", OTHER_KEY), 3);
        DtlsServer.Result flight4 = restartFrom(wrongKey, 10);
        DtlsServer.Result afterFlight5 = toServer(toClient(wrongKey, flight4, 10), 10);
        assertThat(afterFlight5.events()).isEmpty();
        assertThat(server.successor(CLIENT)).isPresent();

        List<DtlsServer.PeerEvent> timerEvents = new ArrayList<>();
        long now = 10;
        for (int i = 0; i < 20 && server.successor(CLIENT).isPresent(); i++) {
            now = server.nextDeadline();
            timerEvents.addAll(server.onTimer(now).events());
        }

        assertThat(server.successor(CLIENT)).isEmpty();
        assertThat(timerEvents).as("a failed replacement is not reported").isEmpty();
        assertThat(server.metrics().handshakesTimedOut()).isEqualTo(1);
        assertThat(server.metrics().sessionsReplaced()).isZero();
        assertThat(server.session(CLIENT)).containsSame(old);
        assertThat(server.connectionCount()).isEqualTo(1);
        assertThat(server.handshakeCount()).isZero();
        DtlsServer.Result stillThere = server.receive(CLIENT, first.send(bytes("still"), now).datagrams().get(0), now);
        assertThat(events(stillThere)).singleElement().satisfies(event -> assertThat(text(event)).isEqualTo("still"));
    }

    @Test
    void aSecondRestartReplacesTheWaitingHandshakeQuietlyAndTheSessionOnlyOnCompletion() {
        establishFirst();
        DtlsConnection second = Fixture.client(config, 4);
        restartFrom(second, 10);
        DtlsConnection waiting = server.successor(CLIENT).orElseThrow();
        DtlsConnection third = Fixture.client(config, 5);

        DtlsServer.Result flight4 = restartFrom(third, 20);

        assertThat(flight4.events()).isEmpty();
        assertThat(waiting.status()).isEqualTo(DtlsConnection.Status.CLOSED);
        assertThat(server.successor(CLIENT)).isPresent().get().isNotSameAs(waiting);
        assertThat(server.session(CLIENT)).containsSame(old);
        assertThat(server.handshakeCount()).isEqualTo(1);

        DtlsServer.Result completion = toServer(toClient(third, flight4, 30), 30);
        assertThat(events(completion)).hasSize(2).first()
                .isEqualTo(new DtlsEvent.Closed(DtlsEvent.CloseReason.REPLACED));
        assertThat(server.session(CLIENT)).isPresent().get().isNotSameAs(old);
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void theRetransmittedHelloOfTheWaitingHandshakeReachesItAndStartsNothingNew() {
        establishFirst();
        DtlsConnection second = Fixture.client(config, 6);
        byte[] hello = second.start(10).datagrams().get(0);
        byte[] verify = server.receive(CLIENT, hello, 10).datagrams().get(0).datagram();
        byte[] verifiedHello = second.receive(verify, 10).datagrams().get(0);
        server.receive(CLIENT, verifiedHello, 10);
        DtlsConnection waiting = server.successor(CLIENT).orElseThrow();

        DtlsServer.Result again = server.receive(CLIENT, verifiedHello, Fixture.ms(1_010));

        assertThat(server.successor(CLIENT)).containsSame(waiting);
        assertThat(again.datagrams()).as("flight 4 sent again").isNotEmpty();
        assertThat(again.events()).isEmpty();
        assertThat(server.handshakeCount()).isEqualTo(1);
        assertThat(server.session(CLIENT)).containsSame(old);
    }

    @Test
    void aClientRestartingDuringItsHandshakeReplacesThatHandshakeAtOnce() throws Exception {
        InetSocketAddress address = CLIENT;
        server.receive(address, Hellos.verifiedHello(server, address, 7, 0), 0);
        DtlsConnection abandoned = server.connection(address).orElseThrow();
        assertThat(abandoned.isHandshaking()).isTrue();

        DtlsServer.Result restarted = server.receive(address, Hellos.verifiedHello(server, address, 8, 5), 5);

        assertThat(abandoned.status()).isEqualTo(DtlsConnection.Status.CLOSED);
        assertThat(server.connection(address)).isPresent().get().isNotSameAs(abandoned);
        assertThat(server.successor(address)).isEmpty();
        assertThat(server.handshakeCount()).isEqualTo(1);
        assertThat(events(restarted)).containsExactly(new DtlsEvent.Closed(DtlsEvent.CloseReason.REPLACED));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
