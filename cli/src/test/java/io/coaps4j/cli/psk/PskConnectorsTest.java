package io.coaps4j.cli.psk;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.coaps.KeepAlive;
import io.coaps4j.dtls.config.HeartbeatMode;
import io.coaps4j.dtls.credentials.PreSharedKey;
import io.coaps4j.dtls.credentials.PskCredentials;
import io.coaps4j.dtls.credentials.PskIdentity;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line's connectors carry {@code --heartbeat} into the keep-alive, heartbeats offered both ways. */
class PskConnectorsTest {
    private static final PskCredentials CREDENTIALS = new PskCredentials(PskIdentity.of("id"),
            PreSharedKey.of("0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));

    private static HeartbeatOption parse(String... args) {
        HeartbeatOption option = new HeartbeatOption();
        new CommandLine(option).parseArgs(args);
        return option;
    }

    @Test
    void heartbeatSecondsBecomeTheKeepAlivesIdleTime() {
        KeepAlive keepAlive = parse("--heartbeat", "2.5").keepAlive();
        DtlsConnector server = PskConnectors.server(new InetSocketAddress(0), CREDENTIALS, keepAlive);
        DtlsConnector client = PskConnectors.client(CREDENTIALS, keepAlive);

        assertThat(keepAlive.idle()).isEqualTo(Duration.ofMillis(2_500));
        assertThat(server.config().keepAlive()).isEqualTo(keepAlive);
        assertThat(client.config().keepAlive()).isEqualTo(keepAlive);
        assertThat(client.config().acceptHandshakes()).isFalse();
        assertThat(server.config().dtls().heartbeat()).contains(HeartbeatMode.PEER_ALLOWED_TO_SEND);
    }

    @Test
    void withoutTheOptionNothingIsChecked() {
        assertThat(parse().keepAlive().enabled()).isFalse();
        assertThat(parse().given()).isFalse();
    }
}
