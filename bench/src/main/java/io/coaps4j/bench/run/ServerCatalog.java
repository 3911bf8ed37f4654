package io.coaps4j.bench.run;

import io.coaps4j.bench.BenchPsk;
import io.coaps4j.bench.BenchRpk;
import io.coaps4j.bench.loadgen.ClientTransport;
import io.coaps4j.bench.loadgen.DtlsClientTransport;
import io.coaps4j.bench.loadgen.PlainUdpTransport;
import io.coaps4j.bench.loadgen.ScandiumClientTransport;
import io.coaps4j.bench.server.CaliforniumHelloServer;
import io.coaps4j.bench.server.CaliforniumObserveServer;
import io.coaps4j.bench.server.CaliforniumPskServer;
import io.coaps4j.bench.server.CaliforniumRpkServer;
import io.coaps4j.bench.server.EchoCeilingServer;
import io.coaps4j.bench.server.OurNoSecServer;
import io.coaps4j.bench.server.OurObserveServer;
import io.coaps4j.bench.server.OurPskServer;
import io.coaps4j.bench.server.OurRpkServer;
import io.coaps4j.bench.server.ShortExchangeLifetime;
import io.coaps4j.dtls.config.DtlsConfig;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The servers a run can compare in one security mode, by the name used on the command line (the same name
 * means the same implementation in both modes), and how the load generator reaches them. The first server
 * of a run is the one the ratios are about.
 */
final class ServerCatalog {
    static final String COAPS4J = "coaps4j";
    /** coaps4j built from another commit (bench.sh --baseline REF): before and after a change in one run. */
    static final String COAPS4J_BASELINE = "coaps4j-baseline";
    static final String CALIFORNIUM = "californium";
    static final String CALIFORNIUM_BOUNDED = "californium-peers-dedup";
    static final String LIBCOAP = "libcoap";
    static final String ECHO = "echo";

    private static final String PEERS_MARK_AND_SWEEP = "PEERS_MARK_AND_SWEEP";
    private static final String OUR_PSK = "coaps4j CoapServer over DtlsConnector, PSK (TLS_PSK_WITH_AES_128_CCM_8), default"
            + " DTLS and engine configuration (cookie exchange, extended master secret), Resource /hello";
    private static final String CALIFORNIUM_PSK = "Californium 3.13.0 + Scandium DTLSConnector, PSK, TLS_PSK_WITH_AES_128_CCM_8"
            + " only, otherwise default configuration (cookie exchange, extended master secret)";

    private static final String OUR_RPK = "coaps4j CoapServer over DtlsConnector, RawPublicKey"
            + " (TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8, secp256r1), client authentication needed (trusting the generator's key),"
            + " default DTLS and engine configuration (cookie exchange, extended master secret), Resource /hello";
    private static final String CALIFORNIUM_RPK = "Californium 3.13.0 + Scandium DTLSConnector, RawPublicKeyIdentity,"
            + " TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 only, raw public keys only, client authentication NEEDED (trusting the"
            + " generator's key), otherwise default configuration (cookie exchange, extended master secret)";

    /** How the generator's DTLS clients are configured for a server at an address; null for NoSec. */
    private final Function<InetSocketAddress, DtlsConfig> clientConfig;
    /** The scandium generator's clients for this mode (Californium's DTLS client); null for NoSec. */
    private final Supplier<ClientTransport.Factory> scandiumClients;
    private final Map<String, BenchedServer> byName = new LinkedHashMap<>();

    private ServerCatalog(Function<InetSocketAddress, DtlsConfig> clientConfig, Supplier<ClientTransport.Factory> scandiumClients) {
        this.clientConfig = clientConfig;
        this.scandiumClients = scandiumClients;
    }

    /** CoAP over plain UDP (NoSec), with the raw UDP ceiling. */
    static ServerCatalog noSec() {
        ServerCatalog catalog = new ServerCatalog(null, null);
        HelloProbe probe = CoapProbe.hello();
        catalog.addWithBaseline(new JavaServer(COAPS4J,
                "coaps4j CoapServer over UdpConnector (NoSec), default EngineConfig, Resource /hello", OurNoSecServer.class, probe));
        catalog.add(new JavaServer(CALIFORNIUM, "Californium 3.13.0 CoapServer, default configuration, CoapResource /hello",
                CaliforniumHelloServer.class, probe));
        catalog.add(new JavaServer(CALIFORNIUM_BOUNDED, "Californium 3.13.0 as above but COAP.DEDUPLICATOR=PEERS_MARK_AND_SWEEP"
                + " (last 64 message IDs per peer instead of every exchange for 247 s)",
                CaliforniumHelloServer.class, probe, PEERS_MARK_AND_SWEEP));
        catalog.add(new LibcoapServer());
        catalog.add(new JavaServer(ECHO, "raw UDP ceiling: one NIO thread answering each CON with a fixed 2.05 ACK",
                EchoCeilingServer.class, probe));
        return catalog;
    }

    /** CoAP over DTLS 1.2 with the benchmark PSK, TLS_PSK_WITH_AES_128_CCM_8 only. */
    static ServerCatalog psk() {
        ServerCatalog catalog = new ServerCatalog(ServerCatalog::pskClientConfig, ScandiumClientTransport::pskFactory);
        HelloProbe probe = DtlsProbe.hello();
        catalog.addWithBaseline(new JavaServer(COAPS4J, OUR_PSK, OurPskServer.class, probe));
        catalog.add(new JavaServer(CALIFORNIUM, CALIFORNIUM_PSK, CaliforniumPskServer.class, probe));
        catalog.add(new JavaServer(CALIFORNIUM_BOUNDED, "Californium 3.13.0 + Scandium as above but"
                + " COAP.DEDUPLICATOR=PEERS_MARK_AND_SWEEP", CaliforniumPskServer.class, probe,
                CaliforniumPskServer.DEDUP + PEERS_MARK_AND_SWEEP));
        catalog.add(LibcoapDtlsServer.psk());
        return catalog;
    }

    /**
     * The PSK servers for the idle-session run, fresh and with EXCHANGE_LIFETIME shortened to
     * {@code exchangeLifetime} on both Java servers ({@link ShortExchangeLifetime}). The bounded-deduplication
     * Californium is left out: it runs the same DTLS stack, and its deduplicator holds nothing once the
     * lifetime has passed.
     */
    static ServerCatalog pskIdle(Duration exchangeLifetime) {
        ServerCatalog catalog = new ServerCatalog(ServerCatalog::pskClientConfig, ScandiumClientTransport::pskFactory);
        HelloProbe probe = DtlsProbe.hello();
        String lifetime = ShortExchangeLifetime.argument(exchangeLifetime);
        String shortened = ", EXCHANGE_LIFETIME " + exchangeLifetime.toSeconds() + " s";
        catalog.addWithBaseline(new JavaServer(COAPS4J, OUR_PSK + shortened, OurPskServer.class, probe, lifetime));
        catalog.add(new JavaServer(CALIFORNIUM, CALIFORNIUM_PSK + shortened + " (mark-and-sweep every 1 s)",
                CaliforniumPskServer.class, probe, lifetime));
        catalog.add(LibcoapDtlsServer.psk());
        return catalog;
    }

    /**
     * CoAP over DTLS 1.2 in the RawPublicKey mode with the run's keys ({@code keys}, written into {@code keyDir}
     * for the server processes), TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 only, client authentication needed;
     * {@code exchangeLifetime} null for the default, or shortened as for {@link #pskIdle}.
     */
    static ServerCatalog rpk(BenchRpk keys, Path keyDir, Duration exchangeLifetime) {
        DtlsConfig client = DtlsClientTransport.rpkConfig(keys.clientCredentials());
        ServerCatalog catalog = new ServerCatalog(server -> client,
                () -> ScandiumClientTransport.rpkFactory(keys.clientKey(), keys.serverKey().getPublic()));
        HelloProbe probe = DtlsProbe.hello(catalog::clientConfig);
        String keysArgument = BenchRpk.KEYS_ARGUMENT + keyDir.toAbsolutePath();
        String[] args = exchangeLifetime == null ? new String[] {keysArgument}
                : new String[] {keysArgument, ShortExchangeLifetime.argument(exchangeLifetime)};
        String shortened = exchangeLifetime == null ? "" : ", EXCHANGE_LIFETIME " + exchangeLifetime.toSeconds() + " s";
        catalog.addWithBaseline(new JavaServer(COAPS4J, OUR_RPK + shortened, OurRpkServer.class, probe, args));
        catalog.add(new JavaServer(CALIFORNIUM, CALIFORNIUM_RPK + shortened
                + (exchangeLifetime == null ? "" : " (mark-and-sweep every 1 s)"), CaliforniumRpkServer.class, probe, args));
        catalog.add(LibcoapDtlsServer.rpk(keyDir.resolve(BenchRpk.SERVER_KEY), catalog::clientConfig));
        return catalog;
    }

    /**
     * The servers of the observe and block2 suites: PSK as {@link #psk()}, with an observable /obs and a 1 MB
     * /large ({@link io.coaps4j.bench.ObserveResources}), EXCHANGE_LIFETIME shortened to {@code exchangeLifetime}
     * so that a heap reading after it holds observers, not the registrations' deduplication entries.
     */
    static ServerCatalog observe(Duration exchangeLifetime) {
        ServerCatalog catalog = new ServerCatalog(ServerCatalog::pskClientConfig, ScandiumClientTransport::pskFactory);
        HelloProbe probe = DtlsProbe.hello();
        String lifetime = ShortExchangeLifetime.argument(exchangeLifetime);
        String shortened = ", EXCHANGE_LIFETIME " + exchangeLifetime.toSeconds() + " s";
        catalog.addWithBaseline(new JavaServer(COAPS4J, "coaps4j CoapServer over DtlsConnector, PSK, default DTLS, engine"
                + " and block-wise configuration; Resource /obs observable with NON notifications, /large 1 MB" + shortened,
                OurObserveServer.class, probe, lifetime));
        catalog.add(new JavaServer(CALIFORNIUM, CALIFORNIUM_PSK + ", MAX_RESOURCE_BODY_SIZE 2 MiB, PREFERRED_BLOCK_SIZE 1024; CoapResource /obs"
                + " observable with NON notifications, /large 1 MB" + shortened + " (mark-and-sweep every 1 s)",
                CaliforniumObserveServer.class, probe, lifetime));
        return catalog;
    }

    /** Every server name either mode knows, in the default order (the baseline among them). */
    static List<String> allNames() {
        Set<String> names = new LinkedHashSet<>();
        names.addAll(noSec().names());
        names.addAll(psk().names());
        return List.copyOf(names);
    }

    private void add(BenchedServer server) {
        byName.put(server.name(), server);
    }

    /** Adds our server and, right after it, the same server run from the baseline build. */
    private void addWithBaseline(JavaServer ours) {
        add(ours);
        add(ours.asBaseline(COAPS4J_BASELINE));
    }

    List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** Those of {@code requested} that this mode has, in the requested order. */
    List<String> select(List<String> requested) {
        return requested.stream().filter(byName::containsKey).toList();
    }

    boolean overDtls() {
        return clientConfig != null;
    }

    BenchedServer get(String name) {
        BenchedServer server = byName.get(name);
        if (server == null) {
            throw new IllegalArgumentException("servers: unknown server '" + name + "', known: " + names());
        }
        return server;
    }

    /** The client configuration for the PSK servers: the benchmark PSK for every port of {@code server}. */
    static DtlsConfig pskClientConfig(InetSocketAddress server) {
        return DtlsClientTransport.pskConfig(server.getAddress(), BenchPsk.IDENTITY, BenchPsk.key());
    }

    /** The client configuration for a DTLS server of this mode at {@code server}. */
    DtlsConfig clientConfig(InetSocketAddress server) {
        if (clientConfig == null) {
            throw new IllegalStateException("NoSec servers have no DTLS client configuration");
        }
        return clientConfig.apply(server);
    }

    /** How a generator client reaches a server of this mode at {@code server}, on our own DTLS client. */
    ClientTransport.Factory transportTo(InetSocketAddress server) {
        return transportTo(server, Generator.BATCHING);
    }

    /**
     * How a client of {@code generator} reaches a server of this mode at {@code server}: over DTLS on Scandium's
     * client for the scandium generator, on our own otherwise; NoSec on plain UDP datagram channels for all.
     */
    ClientTransport.Factory transportTo(InetSocketAddress server, Generator generator) {
        if (!overDtls()) {
            return PlainUdpTransport.factory();
        }
        return generator == Generator.SCANDIUM ? scandiumClients.get() : DtlsClientTransport.factory(clientConfig(server));
    }
}
