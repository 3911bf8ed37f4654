package io.coaps4j.proxy;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionDefinition;
import io.coaps4j.coap.message.OptionFormat;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.OptionRegistry;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A real origin server (coap:// and coaps:// PSK), a proxy and clients on loopback: the fixture of the proxy's
 * tests. The client-to-proxy and proxy-to-origin legs use different PSK identities and keys, so a request
 * that arrives proves both sessions.
 */
final class ProxyRig implements AutoCloseable {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final String CLIENT_ID = "client-1";
    static final byte[] CLIENT_KEY = "client-to-proxy-key-0123456789".getBytes(StandardCharsets.US_ASCII);
    static final String PROXY_ID = "proxy-1";
    static final byte[] PROXY_KEY = "proxy-to-origin-key-9876543210".getBytes(StandardCharsets.US_ASCII);
    /** Experimental options (RFC 7252 section 12.2, 65000..65535) of each class. */
    static final int ELECTIVE_SAFE = 65000;
    static final int CRITICAL_SAFE = 65001;
    static final int ELECTIVE_UNSAFE = 65002;
    static final int CRITICAL_UNSAFE = 65003;
    static final int OSCORE = 9;
    /** Registry of the test's origin and clients: they understand the experimental options and OSCORE. */
    static final OptionRegistry PEER_OPTIONS = EngineConfig.DEFAULT_OPTIONS.toBuilder()
            .add(opaque(OSCORE, "OSCORE"))
            .add(new OptionDefinition(ProxyOptions.HOP_LIMIT, "Hop-Limit", OptionFormat.UINT, 1, 1, false,
                    OptionDefinition.Usage.REQUEST))
            .add(opaque(ELECTIVE_SAFE, "Exp-Elective-Safe"))
            .add(opaque(CRITICAL_SAFE, "Exp-Critical-Safe"))
            .add(opaque(ELECTIVE_UNSAFE, "Exp-Elective-Unsafe"))
            .add(opaque(CRITICAL_UNSAFE, "Exp-Critical-Unsafe"))
            .build();
    static final EngineConfig PEER_CONFIG = EngineConfig.DEFAULT.toBuilder().recognizedOptions(PEER_OPTIONS).build();

    final CoapServer origin;
    final AtomicInteger originRequests = new AtomicInteger();
    /** Every request the origin received, as it received it. */
    final List<Message> received = new CopyOnWriteArrayList<>();
    private CoapProxy proxy;
    private CoapClient client;
    private CoapClient plainClient;

    private static OptionDefinition opaque(int number, String name) {
        return new OptionDefinition(number, name, OptionFormat.OPAQUE, 0, 1034, true, OptionDefinition.Usage.BOTH);
    }

    ProxyRig(Resource... resources) {
        CoapServer.Builder server = CoapServer.builder().config(PEER_CONFIG)
                .bind(new InetSocketAddress(LOOPBACK, 0))
                .connector(DtlsConnector.builder().bind(new InetSocketAddress(LOOPBACK, 0))
                        .psk(InMemoryPskStore.builder().add(PROXY_ID, PROXY_KEY).build()).build());
        for (Resource resource : resources) {
            server.resource(resource);
        }
        this.origin = server.build().start();
    }

    /** A resource whose handler counts and records each request. */
    Resource counted(String path, java.util.function.Function<io.coaps4j.coap.server.CoapRequest, CoapResponse> handler,
                     Code... methods) {
        Resource.Builder builder = Resource.builder(path);
        for (Code method : methods) {
            builder.on(method, request -> {
                originRequests.incrementAndGet();
                received.add(request.message());
                return handler.apply(request);
            });
        }
        return builder.build();
    }

    InetSocketAddress originCoap() {
        return origin.localAddresses().get(0);
    }

    InetSocketAddress originCoaps() {
        return origin.localAddresses().get(1);
    }

    String originUri(boolean secure, String path) {
        InetSocketAddress address = secure ? originCoaps() : originCoap();
        return (secure ? "coaps" : "coap") + "://127.0.0.1:" + address.getPort() + path;
    }

    /** Starts the proxy with a coap and a coaps (PSK) listener and a coaps (PSK) origin leg, as {@code more} adds. */
    CoapProxy startProxy(Consumer<CoapProxy.Builder> more) {
        CoapProxy.Builder builder = CoapProxy.builder()
                .bind(new InetSocketAddress(LOOPBACK, 0))
                .connector(DtlsConnector.builder().bind(new InetSocketAddress(LOOPBACK, 0))
                        .psk(InMemoryPskStore.builder().add(CLIENT_ID, CLIENT_KEY).build()).build())
                .originBind(new InetSocketAddress(LOOPBACK, 0))
                .originConnectors(() -> DtlsConnector.builder().bind(new InetSocketAddress(LOOPBACK, 0))
                        .psk(InMemoryPskStore.builder().add(PROXY_ID, PROXY_KEY).build()).acceptHandshakes(false)
                        .build());
        more.accept(builder);
        proxy = builder.build().start();
        return proxy;
    }

    CoapProxy proxy() {
        return proxy;
    }

    InetSocketAddress proxyAddress(boolean secure) {
        return proxy.localAddresses().get(secure ? 1 : 0);
    }

    /** A client that reaches the proxy over coap://. */
    CoapClient plainClient() {
        if (plainClient == null) {
            plainClient = CoapClient.builder().config(PEER_CONFIG).bind(new InetSocketAddress(LOOPBACK, 0))
                    .timeout(Duration.ofSeconds(10)).build();
        }
        return plainClient;
    }

    /** A client that reaches the proxy over coaps:// (PSK client-1). */
    CoapClient client() {
        if (client == null) {
            client = CoapClient.builder().config(PEER_CONFIG)
                    .connector(DtlsConnector.builder().bind(new InetSocketAddress(LOOPBACK, 0))
                            .psk(InMemoryPskStore.builder().add(CLIENT_ID, CLIENT_KEY).build())
                            .acceptHandshakes(false).build())
                    .timeout(Duration.ofSeconds(10)).build();
        }
        return client;
    }

    /**
     * Sends {@code request} (type, code, options, payload) to the proxy's coap or coaps listener and waits
     * for the response.
     */
    Message send(boolean secureToProxy, Message request) {
        InetSocketAddress proxyAddress = proxyAddress(secureToProxy);
        try {
            return (secureToProxy ? client() : plainClient()).endpoint().request(secureToProxy ? "coaps" : "coap", proxyAddress, request,
                    Duration.ofSeconds(10)).get();
        } catch (Exception e) {
            throw new AssertionError("exchange with the proxy failed", e);
        }
    }

    /** A request for the forward-proxy: {@code method} with Proxy-Uri {@code uri} and {@code options}. */
    static Message viaProxyUri(Code method, String uri, Option... options) {
        Message.Builder builder = Message.builder().type(MessageType.CON).code(method).token(Token.EMPTY)
                .option(Option.ofString(OptionNumber.PROXY_URI, uri));
        for (Option option : options) {
            builder.option(option);
        }
        return builder.build();
    }

    static Message get(String proxyUri, Option... options) {
        return viaProxyUri(Code.GET, proxyUri, options);
    }

    /** A local request (no Proxy-*): for a reverse route. */
    static Message local(Code method, String... path) {
        Message.Builder builder = Message.builder().type(MessageType.CON).code(method);
        for (String segment : path) {
            builder.option(Option.ofString(OptionNumber.URI_PATH, segment));
        }
        return builder.build();
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        if (plainClient != null) {
            plainClient.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        origin.close();
    }
}
