package io.coaps4j.attack;

import io.coaps4j.dtls.engine.DtlsEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The baseline every attack departs from: TLS-Attacker completes a normal PSK handshake with our server. */
class PskHandshakeTest {
    private static OurDtlsServer server;

    @BeforeAll
    static void startServer() {
        server = OurDtlsServer.start(Servers.psk());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void tlsAttackerCompletesAPskHandshakeWithOurServer() {
        var config = Attacker.pskClient(server.port());
        Outcome outcome = Attacker.run(config, Flights.pskHandshake(config));

        assertThat(outcome.asPlanned()).as("%s", outcome).isTrue();
        assertThat(server.awaitEvent(e -> e.peer().getPort() == outcome.clientPort()
                && e.event() instanceof DtlsEvent.HandshakeCompleted, Duration.ofSeconds(2)))
                .as("events %s", server.events()).isTrue();
        server.assertHealthy();
    }
}
