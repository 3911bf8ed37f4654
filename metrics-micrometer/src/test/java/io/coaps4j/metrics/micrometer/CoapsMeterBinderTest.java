package io.coaps4j.metrics.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Micrometer meters of a real connector move with a real coaps request over loopback. */
class CoapsMeterBinderTest {
    private static final byte[] KEY = "micrometer-test-key".getBytes(StandardCharsets.US_ASCII);

    @Test
    void metersReadTheConnectorsCountersWithLabelsAsTags() {
        InMemoryPskStore keys = InMemoryPskStore.builder().add("device", KEY).build();
        DtlsConnector connector = DtlsConnector.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).psk(keys).build();
        try (CoapServer server = CoapServer.builder().connector(connector)
                .resource(Resource.builder("x").get(request -> CoapResponse.content("y")).build()).build().start()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new CoapsMeterBinder(connector, Tags.of("connector", "test"), Duration.ZERO).bindTo(registry);

            FunctionCounter succeeded = registry.get("coaps.handshakes.succeeded").tag("connector", "test")
                    .functionCounter();
            Gauge serverSessions = registry.get("coaps.sessions").tag("role", "server").gauge();
            assertThat(succeeded.count()).isZero();
            assertThat(serverSessions.value()).isZero();
            assertThat(registry.get("coaps.records.dropped").tag("reason", "bad_tag").functionCounter().count())
                    .isZero();

            try (CoapClient client = CoapClient.builder().connector(DtlsConnector.client(keys)).build()) {
                assertThat(client.get("coaps://127.0.0.1:" + server.localAddress().getPort() + "/x")
                        .payloadAsString()).isEqualTo("y");
            }

            assertThat(succeeded.count()).isEqualTo(1.0);
        }
    }

    @Test
    void anEndpointsMetersCountItsCoapMessages() {
        InMemoryPskStore keys = InMemoryPskStore.builder().add("device", KEY).build();
        try (CoapServer server = CoapServer.builder().connector(DtlsConnector.builder()
                        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).psk(keys).build())
                .resource(Resource.builder("x").get(request -> CoapResponse.content("y")).build()).build().start()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new CoapsMeterBinder(server.endpoint("coaps").orElseThrow(), Tags.empty(), Duration.ZERO).bindTo(registry);
            FunctionCounter received = registry.get("coap.messages.received").tag("type", "con").functionCounter();
            assertThat(received.count()).isZero();
            try (CoapClient client = CoapClient.builder().connector(DtlsConnector.client(keys)).build()) {
                client.get("coaps://127.0.0.1:" + server.localAddress().getPort() + "/x");
                client.get("coaps://127.0.0.1:" + server.localAddress().getPort() + "/x");
            }
            assertThat(received.count()).isEqualTo(2.0);
            assertThat(registry.get("coaps.handshakes.succeeded").functionCounter().count()).isEqualTo(1.0);
        }
    }
}
