package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.crypto.CryptoContext;
import io.coaps4j.dtls.crypto.RandomSource;
import io.coaps4j.dtls.flight.RetransmissionPolicy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/** Deterministic endpoints for engine tests: seeded randomness, virtual time. */
final class Fixture {
    static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final byte[] OTHER_KEY = "fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    static final InetSocketAddress CLIENT = VirtualNetwork.address("10.0.0.2", 40000);
    static final RetransmissionPolicy FAST_GIVE_UP = RetransmissionPolicy.ofMillis(1_000, 60_000, 3, 240_000);

    private Fixture() {
    }

    /** The engine's time is nanoseconds; tests write their times in milliseconds through this. */
    static long ms(long millis) {
        return millis * 1_000_000L;
    }

    /** Deterministic randomness, so every run of a test sees the same bytes. */
    static CryptoContext crypto(long seed) {
        Random random = new Random(seed);
        return new CryptoContext(RandomSource.of(new java.security.SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                random.nextBytes(bytes);
            }
        }));
    }

    static DtlsConfig config(InMemoryPskStore store, Consumer<DtlsConfig.Builder> tweak) {
        DtlsConfig.Builder builder = DtlsConfig.builder().pskStore(store).retransmission(FAST_GIVE_UP);
        tweak.accept(builder);
        return builder.build();
    }

    static DtlsConfig config(String identity, byte[] key) {
        return config(InMemoryPskStore.builder().add(identity, key).build(), b -> { });
    }

    static DtlsServer server(DtlsConfig config) {
        return new DtlsServer(config, crypto(1), new DtlsMetrics(), 0);
    }

    static DtlsConnection client(DtlsConfig config, long seed) {
        return client(config, seed, Optional.empty());
    }

    static DtlsConnection client(DtlsConfig config, long seed, Optional<String> serverName) {
        return DtlsConnection.client(config, crypto(seed), new DtlsMetrics(), VirtualNetwork.SERVER, serverName);
    }

    static <T extends DtlsEvent> List<T> eventsOfType(List<DtlsEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
