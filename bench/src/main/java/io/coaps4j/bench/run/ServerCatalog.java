package io.coaps4j.bench.run;

import io.coaps4j.bench.server.CaliforniumHelloServer;
import io.coaps4j.bench.server.EchoCeilingServer;
import io.coaps4j.bench.server.OurNoSecServer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The servers a run can compare, by the name used on the command line; the first is the one the ratios are about. */
final class ServerCatalog {
    static final String COAPS4J = "coaps4j";
    static final String CALIFORNIUM = "californium";
    static final String CALIFORNIUM_BOUNDED = "californium-peers-dedup";
    static final String LIBCOAP = "libcoap";
    static final String ECHO = "echo";

    private final Map<String, BenchedServer> byName = new LinkedHashMap<>();

    ServerCatalog() {
        add(new JavaServer(COAPS4J, "coaps4j CoapServer over UdpConnector (NoSec), default EngineConfig, Resource /hello",
                OurNoSecServer.class));
        add(new JavaServer(CALIFORNIUM, "Californium 3.13.0 CoapServer, default configuration, CoapResource /hello",
                CaliforniumHelloServer.class));
        add(new JavaServer(CALIFORNIUM_BOUNDED, "Californium 3.13.0 as above but COAP.DEDUPLICATOR=PEERS_MARK_AND_SWEEP"
                + " (last 64 message IDs per peer instead of every exchange for 247 s)",
                CaliforniumHelloServer.class, "PEERS_MARK_AND_SWEEP"));
        add(new LibcoapServer());
        add(new JavaServer(ECHO, "raw UDP ceiling: one NIO thread answering each CON with a fixed 2.05 ACK",
                EchoCeilingServer.class));
    }

    private void add(BenchedServer server) {
        byName.put(server.name(), server);
    }

    List<String> names() {
        return List.copyOf(byName.keySet());
    }

    BenchedServer get(String name) {
        BenchedServer server = byName.get(name);
        if (server == null) {
            throw new IllegalArgumentException("servers: unknown server '" + name + "', known: " + names());
        }
        return server;
    }
}
