package io.coaps4j.bench.loadgen;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadGeneratorTest {

    private static LoadSpec.Builder spec(TestResponder responder, int clients) throws Exception {
        return LoadSpec.builder()
                .server(responder.address())
                .clients(clients)
                .warmup(Duration.ofMillis(100))
                .measure(Duration.ofMillis(400))
                .resendTimeout(Duration.ofMillis(50));
    }

    @Test
    void everyClientGetsAnswersFromItsOwnSourcePort() throws Exception {
        try (TestResponder responder = new TestResponder(TestResponder.Mode.PIGGYBACKED)) {
            LoadResult result = LoadGenerator.run(spec(responder, 8).generatorThreads(2).build(), WindowObserver.NONE);

            assertThat(result.clients()).isEqualTo(8);
            assertThat(result.successes()).isGreaterThan(100);
            assertThat(result.failures()).isZero();
            assertThat(result.retransmissions()).isZero();
            assertThat(result.requestsPerSecond()).isGreaterThan(0);
            assertThat(result.p50Nanos()).isPositive().isLessThanOrEqualTo(result.p99Nanos());
            assertThat(result.p99Nanos()).isLessThanOrEqualTo(result.maxNanos());
            assertThat(responder.sourcePorts).hasSize(8);
            // The window holds only part of all requests: warm-up responses are not counted.
            assertThat(responder.requests.get()).isGreaterThan(result.successes());
        }
    }

    @Test
    void lostRequestsAreRetransmittedAndStillAnswered() throws Exception {
        try (TestResponder responder = new TestResponder(TestResponder.Mode.DROP_FIRST_TRANSMISSION_OF_EVERY_FIFTH)) {
            LoadResult result = LoadGenerator.run(spec(responder, 4).build(), WindowObserver.NONE);

            assertThat(result.successes()).isPositive();
            assertThat(result.retransmissions()).isPositive();
            assertThat(result.failures()).isZero();
            // One request in five waits a resend timeout, so the 99th percentile shows it.
            assertThat(result.p99Nanos()).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
            assertThat(result.p50Nanos()).isLessThan(Duration.ofMillis(50).toNanos());
        }
    }

    @Test
    void separateResponsesAreAcknowledgedAndComplete() throws Exception {
        try (TestResponder responder = new TestResponder(TestResponder.Mode.SEPARATE)) {
            LoadResult result = LoadGenerator.run(spec(responder, 2).build(), WindowObserver.NONE);

            assertThat(result.successes()).isPositive();
            assertThat(result.retransmissions()).isZero();
            assertThat(responder.acksForSeparateResponses.get()).isGreaterThanOrEqualTo(result.successes());
        }
    }

    @Test
    void errorResponsesCountAsFailuresNotSuccesses() throws Exception {
        try (TestResponder responder = new TestResponder(TestResponder.Mode.NOT_FOUND)) {
            LoadResult result = LoadGenerator.run(spec(responder, 2).build(), WindowObserver.NONE);

            assertThat(result.successes()).isZero();
            assertThat(result.failures()).isPositive();
            assertThat(result.requestsPerSecond()).isZero();
        }
    }

    @Test
    void aClientMovesToANewSourcePortWhenItsMessageIdsAreUsedUp() throws Exception {
        try (TestResponder responder = new TestResponder(TestResponder.Mode.PIGGYBACKED)) {
            LoadResult result = LoadGenerator.run(spec(responder, 1).requestsPerEndpoint(50).build(), WindowObserver.NONE);

            assertThat(result.endpointsMoved()).isPositive();
            assertThat(responder.sourcePorts.size()).isGreaterThan(2);
            assertThat(result.failures()).isZero();
        }
    }

    @Test
    void observerIsCalledAroundTheWindowInOrder() throws Exception {
        try (TestResponder responder = new TestResponder(TestResponder.Mode.PIGGYBACKED)) {
            AtomicInteger calls = new AtomicInteger();
            int[] order = new int[2];
            LoadGenerator.run(spec(responder, 1).build(), new WindowObserver() {
                @Override
                public void beforeWindow() {
                    order[0] = calls.incrementAndGet();
                }

                @Override
                public void afterWindow() {
                    order[1] = calls.incrementAndGet();
                }
            });
            assertThat(order).containsExactly(1, 2);
        }
    }

    @Test
    void specBuilderNamesTheWrongField() throws Exception {
        try (TestResponder responder = new TestResponder(TestResponder.Mode.PIGGYBACKED)) {
            assertThatThrownBy(() -> spec(responder, 0).build()).hasMessageContaining("clients");
            assertThatThrownBy(() -> spec(responder, 1).generatorThreads(0).build()).hasMessageContaining("generatorThreads");
            assertThatThrownBy(() -> spec(responder, 1).measure(Duration.ZERO).build()).hasMessageContaining("measure");
            assertThatThrownBy(() -> spec(responder, 1).warmup(Duration.ofSeconds(-1)).build()).hasMessageContaining("warmup");
            assertThatThrownBy(() -> spec(responder, 1).resendTimeout(Duration.ZERO).build()).hasMessageContaining("resendTimeout");
            assertThatThrownBy(() -> spec(responder, 1).requestsPerEndpoint(70_000).build()).hasMessageContaining("requestsPerEndpoint");
            assertThatThrownBy(() -> LoadSpec.builder().build()).hasMessageContaining("server");
            assertThat(spec(responder, 2).generatorThreads(8).build().generatorThreads()).isEqualTo(2);
        }
    }
}
