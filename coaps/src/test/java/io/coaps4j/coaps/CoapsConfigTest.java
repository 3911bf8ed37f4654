package io.coaps4j.coaps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.Credentials;
import io.coaps4j.dtls.credentials.PreSharedKeys;
import io.coaps4j.dtls.credentials.RawPublicKeyCredentials;
import io.coaps4j.dtls.credentials.SecurityMode;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Set;
import java.util.function.Supplier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CoapsConfigTest {

    @Test
    void defaultsAreTheCoapsPortAndNoKeepAlive() {
        CoapsConfig config = CoapsConfig.builder().psk(Fixtures.store("a", Fixtures.KEY)).build();
        assertThat(config.bindAddress().getPort()).isEqualTo(5684);
        assertThat(config.keepAlive().enabled()).isFalse();
        assertThat(config.maxClientSessions()).isEqualTo(CoapsConfig.DEFAULT_MAX_CLIENT_SESSIONS);
        assertThat(config.dtls().pskStore()).isPresent();
    }

    @Test
    void sessionTableLimitsReachTheDtlsConfig() {
        CoapsConfig config = CoapsConfig.builder().psk(Fixtures.store("a", Fixtures.KEY))
                .maxConnections(500).maxConcurrentHandshakes(50).retransmission(Fixtures.QUICK_GIVE_UP)
                .pskIdentityHint("hint").idleTimeout(Duration.ofMinutes(5)).build();
        assertThat(config.dtls().idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.dtls().maxConnections()).isEqualTo(500);
        assertThat(config.dtls().maxConcurrentHandshakes()).isEqualTo(50);
        assertThat(config.dtls().retransmission()).isEqualTo(Fixtures.QUICK_GIVE_UP);
        assertThat(config.dtls().pskIdentityHint()).contains("hint");
    }

    @Test
    void buildNamesTheWrongField() {
        assertThatThrownBy(() -> CoapsConfig.builder().build()).hasMessageStartingWith("psk or credentials must be set");
        assertThatThrownBy(() -> CoapsConfig.builder().psk(Fixtures.store("a", Fixtures.KEY)).bind(null).build())
                .hasMessageStartingWith("bind must be set");
        assertThatThrownBy(() -> CoapsConfig.builder().psk(Fixtures.store("a", Fixtures.KEY))
                .bind(InetSocketAddress.createUnresolved("example.org", 5684)).build())
                .hasMessageStartingWith("bind must be a resolved address");
        assertThatThrownBy(() -> CoapsConfig.builder().psk(Fixtures.store("a", Fixtures.KEY)).maxClientSessions(0).build())
                .hasMessageStartingWith("maxClientSessions must be positive");
        assertThatThrownBy(() -> CoapsConfig.builder().psk(Fixtures.store("a", Fixtures.KEY))
                .idleTimeout(Duration.ofMillis(10)).build()).hasMessageStartingWith("idleTimeout must be at least 1 s");
        assertThatThrownBy(() -> CoapsConfig.builder().psk(Fixtures.store("a", Fixtures.KEY)).keepAlive(null).build())
                .hasMessageStartingWith("keepAlive must be set");
        assertThatThrownBy(() -> CoapsConfig.builder().psk(Fixtures.store("a", Fixtures.KEY)).maxConnections(0).build())
                .hasMessageContaining("maxConcurrentHandshakes").hasMessageContaining("maxConnections");
    }

    @Test
    void aWholeDtlsConfigExcludesThePiecemealSettings() {
        DtlsConfig dtls = DtlsConfig.builder().pskStore(Fixtures.store("a", Fixtures.KEY)).maxConnections(7_000).build();
        assertThat(CoapsConfig.builder().dtlsConfig(dtls).build().dtls()).isSameAs(dtls);
        assertThatThrownBy(() -> CoapsConfig.builder().dtlsConfig(dtls).psk(Fixtures.store("b", Fixtures.KEY)).build())
                .hasMessageStartingWith("psk must not be set together with dtlsConfig");
        assertThatThrownBy(() -> CoapsConfig.builder().dtlsConfig(dtls).maxConnections(3).build())
                .hasMessageStartingWith("maxConnections must not be set together with dtlsConfig");
        assertThatThrownBy(() -> CoapsConfig.builder().dtlsConfig(dtls).idleTimeout(Duration.ofHours(1)).build())
                .hasMessageStartingWith("idleTimeout must not be set together with dtlsConfig");
    }

    @Test
    void keepAliveIsValidatedAndKnowsItsDetectionTime() {
        KeepAlive keepAlive = KeepAlive.of(Duration.ofSeconds(30), Duration.ofSeconds(2), 4);
        assertThat(keepAlive.enabled()).isTrue();
        // 30 s idle, then waits of 2 + 4 + 8 + 16 + 32 s.
        assertThat(keepAlive.detectionTime()).isEqualTo(Duration.ofSeconds(92));
        assertThat(KeepAlive.afterIdle(Duration.ofMinutes(1))).isEqualTo(
                KeepAlive.of(Duration.ofMinutes(1), KeepAlive.DEFAULT_ACK_TIMEOUT, KeepAlive.DEFAULT_MAX_RETRANSMIT));
        assertThatThrownBy(() -> KeepAlive.of(Duration.ZERO, Duration.ofSeconds(1), 1)).hasMessageStartingWith("idle");
        assertThatThrownBy(() -> KeepAlive.of(Duration.ofSeconds(1), Duration.ofNanos(5), 1))
                .hasMessageStartingWith("ackTimeout");
        assertThatThrownBy(() -> KeepAlive.of(Duration.ofSeconds(1), Duration.ofSeconds(1), -1))
                .hasMessageStartingWith("maxRetransmit");
        assertThatThrownBy(() -> KeepAlive.disabled().idle()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void serverNameIsTheHostNameNeverALiteral() throws Exception {
        assertThat(DtlsConnector.serverName("device.example")).contains("device.example");
        assertThat(DtlsConnector.serverName("127.0.0.1")).isEmpty();
        assertThat(DtlsConnector.serverName("::1")).isEmpty();
        assertThat(DtlsConnector.serverName("2001:db8::1")).isEqualTo(Optional.empty());
    }

    @Test
    void credentialsOfAnyModeGoToTheDtlsConfigAsTheyAre() {
        PreSharedKeys keys = PreSharedKeys.of(Fixtures.store("a", Fixtures.KEY));
        CoapsConfig config = CoapsConfig.builder().credentials(keys).build();
        assertThat(config.dtls().credentials()).containsExactly(keys);
        assertThat(config.dtls().credentials(SecurityMode.PRE_SHARED_KEY)).contains(keys);
    }

    @Test
    void aRawPublicKeyReachesTheDtlsConfigJustAsIfGivenThere() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        Credentials rpk = new RawPublicKeyCredentials(pair.getPrivate(), pair.getPublic(), Set.of(pair.getPublic()));
        var store = Fixtures.store("a", Fixtures.KEY);
        Object viaCoaps = outcome(() -> CoapsConfig.builder().psk(store).credentials(rpk)
                .build().dtls().credentials());
        Object direct = outcome(() -> DtlsConfig.builder().pskStore(store).credentials(rpk)
                .build().credentials());
        // Whatever this version's DtlsConfig makes of the mode (holds it, or refuses it naming why), the same.
        assertThat(viaCoaps).isEqualTo(direct);
    }

    private static Object outcome(Supplier<Object> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException refused) {
            return refused.getMessage();
        }
    }

    @Test
    void credentialsAreNeededAndNotBesideAWholeDtlsConfig() {
        assertThatThrownBy(() -> CoapsConfig.builder().build()).hasMessageContaining("psk or credentials must be set");
        DtlsConfig dtls = DtlsConfig.builder().pskStore(Fixtures.store("a", Fixtures.KEY)).build();
        assertThatThrownBy(() -> CoapsConfig.builder().dtlsConfig(dtls)
                .credentials(PreSharedKeys.of(Fixtures.store("b", Fixtures.KEY))).build())
                .hasMessageContaining("credentials must not be set together with dtlsConfig");
    }

    @Test
    void cryptoThreadsDefaultToTheCoresButOneAndAreBounded() {
        CoapsConfig config = CoapsConfig.builder().psk(Fixtures.store("a", Fixtures.KEY)).build();
        assertThat(config.cryptoThreads()).isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
        assertThat(CoapsConfig.builder().psk(Fixtures.store("a", Fixtures.KEY)).cryptoThreads(3).build().cryptoThreads())
                .isEqualTo(3);
        assertThatThrownBy(() -> CoapsConfig.builder().psk(Fixtures.store("a", Fixtures.KEY)).cryptoThreads(0).build())
                .hasMessageContaining("cryptoThreads must be 1..256, was 0");
    }

    @Test
    void theAesKeyCacheDefaultsTo256AndIsAPowerOfTwoUpTo65536() {
        assertThat(CoapsConfig.builder().psk(Fixtures.store("a", Fixtures.KEY)).build().aesKeyCacheSize()).isEqualTo(256);
        assertThat(CoapsConfig.builder().psk(Fixtures.store("a", Fixtures.KEY)).aesKeyCacheSize(16_384).build()
                .aesKeyCacheSize()).isEqualTo(16_384);
        for (int bad : new int[] {0, 3, 1000, 131_072}) {
            assertThatThrownBy(() -> CoapsConfig.builder().psk(Fixtures.store("a", Fixtures.KEY)).aesKeyCacheSize(bad)
                    .build()).hasMessageContaining("aesKeyCacheSize must be a power of two from 1 to 65536, was " + bad);
        }
    }
}
