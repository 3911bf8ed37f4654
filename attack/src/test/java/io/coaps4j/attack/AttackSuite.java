package io.coaps4j.attack;

import de.rub.nds.tlsattacker.core.config.Config;
import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.engine.DtlsEvent;
import io.coaps4j.dtls.engine.DtlsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table of attacks on one server: each case runs from its own client port, its answer is checked, and then a
 * normal handshake from the very same address must complete, leaving no handshake behind: the attack neither
 * crashed the server nor left state that gets in the way. Subclasses give the table, the server's configuration
 * and the attacker's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AttackSuite {
    /** How long the server gets to report what a datagram caused, once TLS-Attacker saw the answer. */
    private static final Duration SETTLE = Duration.ofMillis(200);

    OurDtlsServer server;

    abstract Stream<AttackCase> cases();

    DtlsConfig serverConfig() {
        return Servers.psk();
    }

    Config attackerConfig() {
        return Attacker.pskClient(server.port());
    }

    /** A normal handshake from {@code port}, which must complete: by default TLS-Attacker's, unaltered. */
    void normalHandshakeFrom(int port) {
        Config normal = attackerConfig();
        Outcome after = Attacker.run(normal, Flights.pskHandshake(normal), port);
        assertThat(after.asPlanned()).as("the normal handshake after the attack: %s", after).isTrue();
    }

    @BeforeAll
    void startServer() {
        server = OurDtlsServer.start(serverConfig());
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ourServerWithstands(AttackCase attack) {
        Config config = attackerConfig();
        int handshakesBefore = server.inspect(DtlsServer::handshakeCount);
        long counted = server.inspect(s -> attack.counter().read().applyAsLong(s.metrics()));
        int mark = server.eventMark();
        Outcome outcome = Attacker.run(config, attack.actions().apply(config));
        server.awaitEvent(e -> false, SETTLE);
        try {
            attack.expected().check(outcome, server.eventsOf(outcome.clientPort(), mark));
        } catch (AssertionError e) {
            throw new AssertionError(attack + ": alerts received " + outcome.alerts() + ", server events "
                    + server.eventsOf(outcome.clientPort(), mark) + "\n" + e.getMessage(), e);
        }
        long countedAfter = server.inspect(s -> attack.counter().read().applyAsLong(s.metrics()));
        assertThat(countedAfter).as("%s; %s", attack.counter(), outcome).isGreaterThanOrEqualTo(counted + attack.counter().atLeast());
        server.assertHealthy();

        long completedBefore = completedHandshakes(outcome.clientPort(), mark);
        normalHandshakeFrom(outcome.clientPort());
        assertThat(server.awaitEvent(e -> e.peer().getPort() == outcome.clientPort()
                && completedHandshakes(outcome.clientPort(), mark) > completedBefore, Duration.ofSeconds(2)))
                .as("handshake completed on the server; events %s", server.eventsOf(outcome.clientPort(), mark)).isTrue();
        assertThat(server.inspect(DtlsServer::handshakeCount)).as("handshakes left in progress")
                .isLessThanOrEqualTo(handshakesBefore);
        server.assertHealthy();
    }

    private long completedHandshakes(int port, int mark) {
        return server.eventsOf(port, mark).stream().filter(DtlsEvent.HandshakeCompleted.class::isInstance).count();
    }
}
