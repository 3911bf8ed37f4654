package io.coaps4j.cli.server;

import io.coaps4j.cli.store.DurableStore;
import io.coaps4j.cli.store.EntryName;
import io.coaps4j.cli.store.StoredRepresentation;
import io.coaps4j.coap.blockwise.BlockwiseConfig;
import io.coaps4j.coap.endpoint.CoapEndpoint;
import io.coaps4j.coap.endpoint.Connector;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.ContentFormat;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.linkformat.Link;
import io.coaps4j.coap.linkformat.LinkFilter;
import io.coaps4j.coap.linkformat.LinkFormat;
import io.coaps4j.coap.onem2m.OneM2mBinding;
import io.coaps4j.coap.server.CoapRequest;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.EndpointStartException;
import io.coaps4j.coap.server.RequestHandler;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.coaps.ConnectorMetrics;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.coaps.Metric;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server that {@code coaps4j server} runs: {@code /hello}, {@code /time}, {@code /store/{name}}
 * backed by a {@link DurableStore}, and {@code /.well-known/core} listing them all, stored entries
 * included; and a minimal in-memory oneM2M CSE ({@link InMemoryCse}) under {@code /cse-in} and
 * {@code /~/id-in}. Handlers run on a small worker pool, because the store's writes wait for the disk.
 */
public final class CliServer implements AutoCloseable {
    static final String HELLO = "Hello, world";
    private static final String STORE = "store";
    private static final String ENTRY_NAME = "name";
    private static final int WORKERS = 2;
    private static final int MAX_QUEUED_REQUESTS = 1024;
    private static final long MAX_CONTENT_FORMAT = 0xFFFF;
    private static final Logger LOG = LoggerFactory.getLogger(CliServer.class);

    private final DurableStore store;
    private final StoreService storeService;
    private final List<Resource> fixedResources;
    private final ThreadPoolExecutor workers;
    private final ClockResource clockResource;
    private final CoapServer server;

    private CliServer(InetSocketAddress bindAddress, DurableStore store, Clock clock, Optional<Connector> coaps,
                      BlockwiseConfig blockwise, Consumer<CoapServer.Builder> extras) throws IOException {
        this.store = store;
        this.storeService = new StoreService(store);
        this.fixedResources = fixedResources(clock);
        this.clockResource = new ClockResource(clock);
        this.workers = workerPool();
        CoapServer.Builder builder = CoapServer.builder()
                .name("coaps4j-server")
                // Bodies of up to maxBodySize (1 MiB by default) each way, block-wise (RFC 7959); a larger
                // /store body gets 4.13 with Size1.
                .blockwise(blockwise)
                // The oneM2M options recognized, for the in-memory CSE under /cse-in and /~/id-in (TS-0008).
                .config(OneM2mBinding.config(EngineConfig.DEFAULT))
                .executor(workers)
                .bind(bindAddress);
        coaps.ifPresent(builder::connector);
        fixedResources.forEach(builder::resource);
        builder.resource(clockResource.resource());
        builder.resource(storeResource()).resource(wellKnownCore());
        new InMemoryCse().resources().forEach(builder::resource);
        extras.accept(builder);
        try {
            this.server = builder.build().start();
        } catch (EndpointStartException e) {
            workers.shutdownNow();
            if (coaps.isPresent() && e.connector() == coaps.get()) {
                throw new SecureListenerException(e.getCause());
            }
            throw e.getCause();
        } catch (RuntimeException e) {
            workers.shutdownNow();
            throw e;
        }
    }

    /** The coaps endpoint could not start (e.g. its port is taken); the cause says why. */
    public static final class SecureListenerException extends IOException {
        private static final long serialVersionUID = 1L;

        SecureListenerException(Throwable cause) {
            super("coaps: " + cause.getMessage(), cause);
        }
    }

    /**
     * Binds {@code bindAddress} (and {@code coaps}, when present) and serves until {@link #close()}, with
     * bodies of up to {@code maxBodySize} bytes block-wise (RFC 7959).
     */
    public static CliServer start(InetSocketAddress bindAddress, DurableStore store, Clock clock,
                                  Optional<Connector> coaps, int maxBodySize) throws IOException {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        BlockwiseConfig blockwise = BlockwiseConfig.builder().maxBodySize(maxBodySize)
                .maxBufferedBytes(Math.max(BlockwiseConfig.DEFAULT.maxBufferedBytes(), 2L * maxBodySize)).build();
        return new CliServer(bindAddress, store, clock, Objects.requireNonNull(coaps, "coaps"), blockwise, b -> { });
    }

    /**
     * {@link #start(InetSocketAddress, DurableStore, Clock, Optional, int)} with {@code extras} applied to the
     * server's builder before it starts (e.g. end-to-end protection's layer, configuration and resource).
     */
    public static CliServer start(InetSocketAddress bindAddress, DurableStore store, Clock clock,
                                  Optional<Connector> coaps, int maxBodySize, Consumer<CoapServer.Builder> extras)
            throws IOException {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        BlockwiseConfig blockwise = BlockwiseConfig.builder().maxBodySize(maxBodySize)
                .maxBufferedBytes(Math.max(BlockwiseConfig.DEFAULT.maxBufferedBytes(), 2L * maxBodySize)).build();
        return new CliServer(bindAddress, store, clock, Objects.requireNonNull(coaps, "coaps"), blockwise,
                Objects.requireNonNull(extras, "extras"));
    }

    /** Binds {@code bindAddress} (port 0: any free port) and serves until {@link #close()}. */
    public static CliServer start(InetSocketAddress bindAddress, DurableStore store, Clock clock) throws IOException {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        return new CliServer(bindAddress, store, clock, Optional.empty(), BlockwiseConfig.DEFAULT, b -> { });
    }

    /**
     * Like {@link #start(InetSocketAddress, DurableStore, Clock)}, and also serves the same resources
     * through {@code coaps} (a DTLS connector, bound when the server starts; closed with it).
     */
    public static CliServer start(InetSocketAddress bindAddress, DurableStore store, Clock clock, Connector coaps)
            throws IOException {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(coaps, "coaps");
        return new CliServer(bindAddress, store, clock, Optional.of(coaps), BlockwiseConfig.DEFAULT, b -> { });
    }

    /** Opens the store in {@code dataDirectory} and starts on {@code bindAddress} with the system clock. */
    public static CliServer start(InetSocketAddress bindAddress, Path dataDirectory) throws IOException {
        return start(bindAddress, DurableStore.open(dataDirectory), Clock.systemUTC());
    }

    /** Where the server listens for coap://; the wildcard address when bound to all interfaces. */
    public InetSocketAddress localAddress() {
        return server.endpoint().localAddress();
    }

    /** Where the coaps endpoint listens; empty when the server has none. */
    public Optional<InetSocketAddress> secureLocalAddress() {
        return server.endpoint("coaps").map(CoapEndpoint::localAddress);
    }

    /**
     * The metrics of both endpoints ({@code ConnectorMetrics}): the CoAP figures of coap:// and coaps://, each
     * labelled with its {@code scheme}, and the coaps connector's counters.
     */
    public List<Metric> metrics() {
        List<Metric> all = new ArrayList<>();
        for (CoapEndpoint endpoint : endpoints()) {
            String scheme = endpoint.supports(DtlsConnector.SCHEME) ? DtlsConnector.SCHEME : "coap";
            for (Metric metric : ConnectorMetrics.of(endpoint)) {
                if (metric.name().startsWith("coap_")) {
                    Map<String, String> labels = new HashMap<>(metric.labels());
                    labels.put("scheme", scheme);
                    metric = new Metric(metric.name(), metric.help(), metric.type(), labels, metric.value());
                }
                all.add(metric);
            }
        }
        return all;
    }

    private List<CoapEndpoint> endpoints() {
        List<CoapEndpoint> endpoints = new ArrayList<>(2);
        endpoints.add(server.endpoint());
        server.endpoint("coaps").ifPresent(endpoints::add);
        return endpoints;
    }

    public DurableStore store() {
        return store;
    }

    /** Stops serving: the ports are free when this returns; stored entries stay on disk. */
    @Override
    public void close() {
        try {
            clockResource.close();
            server.close();
        } finally {
            workers.shutdown();
            try {
                if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                    workers.shutdownNow();
                }
            } catch (InterruptedException e) {
                workers.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<Resource> fixedResources(Clock clock) {
        Resource hello = Resource.builder("hello")
                .title("Hello")
                .contentFormat(ContentFormat.TEXT_PLAIN.number())
                .get(request -> CoapResponse.content(HELLO))
                .build();
        Resource time = Resource.builder("time")
                .title("Current time (UTC, ISO 8601)")
                .contentFormat(ContentFormat.TEXT_PLAIN.number())
                .get(request -> CoapResponse.content(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString()))
                .build();
        return List.of(hello, time);
    }

    /** RFC 6690 section 4 discovery, with one link per stored entry, each with its ct when it has one. */
    private Resource wellKnownCore() {
        return Resource.builder("/.well-known/core")
                .hidden()
                .contentFormat(ContentFormat.LINK_FORMAT.number())
                .get(request -> CoapResponse.builder(Code.CONTENT)
                        .contentFormat(ContentFormat.LINK_FORMAT.number())
                        .payload(LinkFormat.serializeToBytes(LinkFilter.of(request.query()).filter(listedLinks())))
                        .build())
                .build();
    }

    private List<Link> listedLinks() throws IOException {
        List<Link> links = new ArrayList<>();
        for (Resource resource : listedResources()) {
            links.add(resource.link());
        }
        return links;
    }

    private List<Resource> listedResources() throws IOException {
        List<Resource> listed = new ArrayList<>(fixedResources);
        listed.add(clockResource.resource());
        for (EntryName name : store.names()) {
            Resource.Builder entry = Resource.builder(STORE + "/" + name.value());
            Optional<StoredRepresentation> stored;
            try {
                stored = store.get(name);
            } catch (IOException unreadable) {
                // One damaged entry must not hide the others; GET on it reports the failure.
                listed.add(entry.build());
                continue;
            }
            if (stored.isEmpty()) {
                continue; // deleted since the listing was read
            }
            stored.get().contentFormat().ifPresent(entry::contentFormat);
            listed.add(entry.build());
        }
        return listed;
    }

    private static ThreadPoolExecutor workerPool() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(MAX_QUEUED_REQUESTS), runnable -> {
                    Thread thread = new Thread(runnable, "coaps4j-server-worker-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** {@code /store/{name}}: one template resource serves every entry name. */
    private Resource storeResource() {
        RequestHandler handler = this::answer;
        return Resource.builder(STORE + "/{" + ENTRY_NAME + "}")
                .get(handler).put(handler).post(handler).delete(handler)
                .build();
    }

    private CoapResponse answer(CoapRequest request) {
        try {
            return storeRequest(request.pathParameter(ENTRY_NAME).orElseThrow(), request);
        } catch (RuntimeException e) {
            LOG.error("store request {} failed", request.message(), e);
            return CoapResponse.of(Code.INTERNAL_SERVER_ERROR);
        }
    }

    private CoapResponse storeRequest(String name, CoapRequest coapRequest) {
        Message request = coapRequest.message();
        Code method = request.code();
        Preconditions conditions = Preconditions.of(coapRequest);
        if (method.equals(Code.GET)) {
            return storeService.get(name, conditions, request.options(OptionNumber.ETAG));
        }
        if (method.equals(Code.DELETE)) {
            return storeService.delete(name, conditions);
        }
        // PUT and POST alike
        OptionalLong given = request.contentFormat();
        if (given.isPresent() && given.getAsLong() > MAX_CONTENT_FORMAT) {
            // RFC 7252 section 5.10.3: Content-Format is a uint of at most 2 bytes.
            return CoapResponse.builder(Code.BAD_REQUEST).payload("Content-Format must be 0..65535").build();
        }
        OptionalInt format = given.isPresent() ? OptionalInt.of((int) given.getAsLong()) : OptionalInt.empty();
        return storeService.store(name, format, request.payload(), conditions);
    }
}
