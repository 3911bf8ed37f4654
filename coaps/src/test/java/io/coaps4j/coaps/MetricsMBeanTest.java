package io.coaps4j.coaps;

import static io.coaps4j.coaps.Fixtures.KEY;
import static io.coaps4j.coaps.Fixtures.anyLoopbackPort;
import static io.coaps4j.coaps.Fixtures.connector;
import static io.coaps4j.coaps.Fixtures.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The connector's metrics through the platform MBean server, moving with real requests over loopback. */
class MetricsMBeanTest {

    @Test
    void theRegisteredMBeanShowsTheHandshakeAndSessionOfARealRequest() throws Exception {
        DtlsConnector serverConnector = connector("client-1", KEY).bind(anyLoopbackPort()).build();
        try (CoapServer server = CoapServer.builder().connector(serverConnector)
                .resource(Resource.builder("x").get(request -> CoapResponse.content("y")).build()).build().start();
             MetricsMBean.Registration registration = MetricsMBean.register(serverConnector)) {
            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = registration.name();
            assertThat(name.toString()).isEqualTo("io.coaps4j:type=DtlsConnector,address=\"127.0.0.1:"
                    + server.localAddress().getPort() + "\"");
            assertThat(jmx.getAttribute(name, "coaps_handshakes_succeeded_total")).isEqualTo(0L);
            assertThat(jmx.getAttribute(name, "coaps_sessions.server")).isEqualTo(0L);
            assertThatThrownBy(() -> MetricsMBean.register(serverConnector))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("127.0.0.1");

            try (CoapClient client = CoapClient.builder().connector(connector("client-1", KEY).build()).build()) {
                assertThat(client.get(uri(server.localAddress(), "/x")).payloadAsString()).isEqualTo("y");
            }

            assertThat(jmx.getAttribute(name, "coaps_handshakes_succeeded_total")).isEqualTo(1L);
            assertThat(jmx.getAttribute(name, "coaps_records_dropped_total.bad_tag")).isEqualTo(0L);
            List<String> attributes = java.util.Arrays.stream(jmx.getMBeanInfo(name).getAttributes())
                    .map(javax.management.MBeanAttributeInfo::getName).toList();
            assertThat(attributes).contains("coaps_sessions.client", "coaps_binding_drops_total.too_large",
                    "coaps_dead_peers_total.heartbeat");
            registration.close();
            assertThat(jmx.isRegistered(name)).isFalse();
        }
    }

    @Test
    void anEndpointsMBeanHasItsCoapMessagesAndItsConnectorsCounters() throws Exception {
        try (CoapServer server = CoapServer.builder().connector(connector("client-1", KEY).bind(anyLoopbackPort()).build())
                .resource(Resource.builder("x").get(request -> CoapResponse.content("y")).build()).build().start();
             MetricsMBean.Registration registration = MetricsMBean.register(server.endpoint("coaps").orElseThrow())) {
            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = registration.name();
            assertThat(name.toString()).isEqualTo("io.coaps4j:type=CoapEndpoint,scheme=coaps,address=\"127.0.0.1:"
                    + server.localAddress().getPort() + "\"");
            assertThat(jmx.getAttribute(name, "coap_messages_received_total.con")).isEqualTo(0L);

            try (CoapClient client = CoapClient.builder().connector(connector("client-1", KEY).build()).build()) {
                for (int i = 0; i < 3; i++) {
                    assertThat(client.get(uri(server.localAddress(), "/x")).payloadAsString()).isEqualTo("y");
                }
            }

            assertThat(jmx.getAttribute(name, "coap_messages_received_total.con")).isEqualTo(3L);
            assertThat(jmx.getAttribute(name, "coap_messages_sent_total.ack")).isEqualTo(3L);
            assertThat(jmx.getAttribute(name, "coaps_handshakes_succeeded_total")).isEqualTo(1L);
        }
    }

    @Test
    void metricNamesFollowThePrometheusRules() {
        List<Metric> metrics = ConnectorMetrics.of(new ConnectorCounters().snapshot(new io.coaps4j.dtls.engine.DtlsMetrics(),
                2, 1, 0, 0));
        assertThat(metrics).allSatisfy(metric -> {
            assertThat(metric.name()).matches("coaps?_.*");
            assertThat(metric.name().endsWith("_total")).isEqualTo(metric.type() == Metric.Type.COUNTER);
        });
        assertThat(metrics).filteredOn(metric -> metric.name().equals("coaps_sessions")).extracting(Metric::labels,
                Metric::value).containsExactly(org.assertj.core.groups.Tuple.tuple(Map.of("role", "server"), 2L),
                org.assertj.core.groups.Tuple.tuple(Map.of("role", "client"), 1L));
        assertThatThrownBy(() -> new Metric("Bad-Name", "", Metric.Type.GAUGE, Map.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Bad-Name");
    }
}
