package io.coaps4j.coap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.endpoint.UdpConnector;
import io.coaps4j.coap.exchange.CoapResponse;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A server with several endpoints: the same resources on each, and a builder that rejects conflicts. */
class CoapServerTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static InetSocketAddress anyLoopbackPort() {
        return new InetSocketAddress(LOOPBACK, 0);
    }

    private static CoapServer.Builder hello() {
        return CoapServer.builder().resource(Resource.builder("hello")
                .get(request -> CoapResponse.content("hello from " + request.message().uriPath())).build());
    }

    private static String uri(InetSocketAddress server, String path) {
        return "coap://127.0.0.1:" + server.getPort() + path;
    }

    @Test
    void everyEndpointServesTheSameResources() {
        UdpConnector second = new UdpConnector(anyLoopbackPort());
        try (CoapServer server = hello().bind(anyLoopbackPort()).connector(second).build().start();
             CoapClient client = CoapClient.builder().timeout(Duration.ofSeconds(5)).build()) {
            assertThat(server.localAddresses()).hasSize(2).doesNotHaveDuplicates();
            assertThat(server.localAddress()).isEqualTo(server.localAddresses().get(0));
            assertThat(server.endpoints().get(1).connector()).isSameAs(second);
            assertThat(server.endpoint("coap")).containsSame(server.endpoint());
            assertThat(server.endpoint("coaps")).isEmpty();
            for (InetSocketAddress address : server.localAddresses()) {
                assertThat(client.get(uri(address, "/hello")).payloadAsString()).isEqualTo("hello from [hello]");
            }
        }
    }

    @Test
    void closingFreesEveryPort() throws SocketException {
        CoapServer server = hello().bind(anyLoopbackPort()).bind(anyLoopbackPort()).build().start();
        var addresses = server.localAddresses();
        server.close();
        for (InetSocketAddress address : addresses) {
            try (DatagramSocket rebound = new DatagramSocket(address)) {
                assertThat(rebound.getLocalPort()).isEqualTo(address.getPort());
            }
        }
    }

    @Test
    void aPortTakenFailsTheStartNamingTheConnectorAndClosesTheEndpointsStarted() throws SocketException {
        try (DatagramSocket taken = new DatagramSocket(anyLoopbackPort())) {
            UdpConnector first = new UdpConnector(anyLoopbackPort());
            UdpConnector second = new UdpConnector(new InetSocketAddress(LOOPBACK, taken.getLocalPort()));
            CoapServer server = hello().connector(first).connector(second).build();

            assertThatThrownBy(server::start).isInstanceOf(UncheckedIOException.class)
                    .isInstanceOfSatisfying(EndpointStartException.class, e -> assertThat(e.connector()).isSameAs(second))
                    .hasMessageContaining("could not start the coap connector")
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
            assertThatThrownBy(server::localAddresses).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not started");
            try (DatagramSocket rebound = new DatagramSocket(first.localAddress())) {
                assertThat(rebound.getLocalPort()).as("the first endpoint's port is free again")
                        .isEqualTo(first.localAddress().getPort());
            }
        }
    }

    @Test
    void theSameAddressBoundTwiceIsRejected() {
        InetSocketAddress address = new InetSocketAddress(LOOPBACK, 5683);
        assertThatThrownBy(() -> hello().bind(address).bind(address).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coap is bound twice to " + address);
    }

    @Test
    void theSameConnectorGivenTwiceIsRejected() {
        UdpConnector connector = new UdpConnector(anyLoopbackPort());
        assertThatThrownBy(() -> hello().connector(connector).connector(connector).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is given twice");
    }

    @Test
    void aServerStartsOnce() {
        CoapServer server = hello().bind(anyLoopbackPort()).build().start();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already started");
        server.close();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already started");
    }

    @Test
    void oneBuilderBuildsIndependentServers() {
        CoapServer.Builder builder = hello().bind(anyLoopbackPort());
        try (CoapServer first = builder.build().start(); CoapServer second = builder.build().start()) {
            assertThat(first.localAddress()).isNotEqualTo(second.localAddress());
        }
    }
}
