package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.engine.DtlsConnection;
import io.coaps4j.dtls.engine.DtlsEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 6520 heartbeats with GnuTLS, one of the two implementations that remain (OpenSSL 3 removed it), both
 * ways, in DTLS 1.2 with TLS_PSK_WITH_AES_128_CCM_8: our engine on a UDP socket against {@code gnutls-serv --udp
 * --heartbeat} (which pings its client when it receives the text {@code **HEARTBEAT**} and answers pings) and
 * against {@code gnutls-cli --udp --heartbeat} (which answers pings).
 */
class GnutlsHeartbeatTest {
    private static final String IDENTITY = "client1";
    private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String PRIORITY = "NORMAL:-VERS-ALL:+VERS-DTLS1.2:-KX-ALL:+PSK:-CIPHER-ALL:+AES-128-CCM-8";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static DtlsConfig config() {
        return DtlsConfig.builder().pskStore(InMemoryPskStore.builder().add(IDENTITY, KEY).build()).build();
    }

    @Test
    void ourClientAndGnutlsServerPingEachOther(@TempDir Path dir) throws Exception {
        Path serv = ExternalProgram.require("gnutls-serv", "apt-get install gnutls-bin");
        Path pskFile = dir.resolve("psk.txt");
        Files.writeString(pskFile, IDENTITY + ":" + HexFormat.of().formatHex(KEY) + "\n");
        int port = FreePorts.udpOnLoopback();
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        try (RunningProcess gnutls = RunningProcess.start(List.of(serv.toString(), "--udp", "--heartbeat",
                "--pskpasswd=" + pskFile, "-p", Integer.toString(port), "--priority=" + PRIORITY));
             OurDtlsPeer ours = new OurDtlsPeer(config())) {
            DtlsConnection connection = connectWhenListening(ours, server, gnutls);
            assertThat(connection.heartbeatNegotiated()).as("gnutls-serv answered the extension").isTrue();
            assertThat(connection.canSendHeartbeat()).as("gnutls-serv said peer_allowed_to_send").isTrue();

            // We ask, GnuTLS answers.
            ours.sendHeartbeat(connection);
            ours.runUntil(() -> !ours.eventsOfType(DtlsEvent.HeartbeatAnswered.class).isEmpty(), WAIT,
                    "gnutls-serv's HeartbeatResponse");
            assertThat(ours.metrics().heartbeatsAnswered()).isEqualTo(1);

            // GnuTLS asks (on the text **HEARTBEAT**), we answer; it would exit with "ping: ..." otherwise.
            ours.send(connection, "**HEARTBEAT**".getBytes(StandardCharsets.US_ASCII));
            ours.runUntil(() -> ours.metrics().heartbeatRequestsAnswered() >= 1, WAIT, "gnutls-serv's HeartbeatRequest");

            // The session still carries data afterwards: gnutls-serv echoes it.
            ours.send(connection, "hello".getBytes(StandardCharsets.US_ASCII));
            ours.runUntil(() -> ours.eventsOfType(DtlsEvent.ApplicationData.class).stream()
                    .anyMatch(data -> new String(data.data(), StandardCharsets.US_ASCII).equals("hello")), WAIT,
                    "gnutls-serv's echo; its stderr: " + gnutls.stderr());
            assertThat(gnutls.stderr()).doesNotContain("ping:");
            assertThat(connection.isEstablished()).isTrue();
        }
    }

    @Test
    void gnutlsClientAnswersOurServersHeartbeat() throws Exception {
        Path cli = ExternalProgram.require("gnutls-cli", "apt-get install gnutls-bin");
        try (OurDtlsPeer ours = new OurDtlsPeer(config());
             RunningProcess gnutls = RunningProcess.startWithInput(List.of(cli.toString(), "--udp", "--heartbeat",
                     "--pskusername=" + IDENTITY, "--pskkey=" + HexFormat.of().formatHex(KEY), "--priority=" + PRIORITY,
                     "-p", Integer.toString(ours.address().getPort()), "127.0.0.1"))) {
            ours.runUntil(() -> ours.anyEstablished() != null, WAIT, "gnutls-cli's handshake");
            DtlsConnection connection = ours.anyEstablished();
            assertThat(connection.canSendHeartbeat()).as("gnutls-cli said peer_allowed_to_send").isTrue();

            ours.sendHeartbeat(connection);
            ours.runUntil(() -> !ours.eventsOfType(DtlsEvent.HeartbeatAnswered.class).isEmpty(), WAIT,
                    "gnutls-cli's HeartbeatResponse; its output: " + gnutls.stdout() + gnutls.stderr());

            // And a second request after the first was answered: one in flight at a time, the next one allowed.
            ours.sendHeartbeat(connection);
            ours.runUntil(() -> ours.eventsOfType(DtlsEvent.HeartbeatAnswered.class).size() == 2, WAIT,
                    "the second HeartbeatResponse");
            assertThat(ours.metrics().heartbeatTimeouts()).isZero();
            gnutls.stdin().close();
        }
    }

    /** Starts our client handshake, again until gnutls-serv has bound its port (it prints when it listens). */
    private static DtlsConnection connectWhenListening(OurDtlsPeer ours, InetSocketAddress server, RunningProcess gnutls)
            throws IOException {
        ours.runUntil(() -> gnutls.stdout().contains("listening") || gnutls.stderr().contains("listening"), WAIT,
                "gnutls-serv to listen");
        ours.connect(server);
        ours.runUntil(() -> ours.established(server) != null, WAIT,
                "the handshake with gnutls-serv; its output: " + gnutls.stdout() + gnutls.stderr());
        return ours.established(server);
    }
}
