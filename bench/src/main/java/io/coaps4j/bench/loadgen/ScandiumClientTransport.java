package io.coaps4j.bench.loadgen;

import io.coaps4j.bench.BenchPsk;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.MessageCallback;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.auth.RawPublicKeyIdentity;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.exception.EndpointMismatchException;
import org.eclipse.californium.elements.util.DaemonThreadFactory;
import org.eclipse.californium.elements.util.ExecutorsUtil;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * CoAP over DTLS 1.2 (RFC 7252 section 9) for the load generator on Californium's Scandium client instead
 * of our own DTLS code: one Scandium {@link DTLSConnector} per client (its own socket and source port, its
 * own receiver thread), driven through Scandium's raw-data interface, so the generator sends exactly the
 * prebuilt CoAP bytes of the other transports and no CoAP stack of Californium runs on the client.
 *
 * <p>Scandium is callback-driven: a decrypted record arrives on one of its worker threads through
 * {@link org.eclipse.californium.elements.RawDataChannel}. The transport queues the CoAP message and wakes
 * the generator thread through a pipe whose source end is the {@link #channel()} its selector watches,
 * so the generator loop and its accounting are those of every other transport. One wake-up byte stands
 * for any number of queued messages.
 *
 * <p>All connectors share one scheduled pool of Scandium's default worker count
 * ({@code DTLS_CONNECTOR_THREAD_COUNT}) for record processing and timers, as Californium's endpoints share
 * theirs; a connector alone would start a pool and a timer of its own for every client.
 */
public final class ScandiumClientTransport implements ClientTransport {
    /** After close_notify, the connector stays bound this long so that the alert leaves before the socket closes. */
    private static final long CLOSE_NOTIFY_GRACE_MS = 200;
    private static ScheduledExecutorService sharedExecutor;

    private final DTLSConnector connector;
    private final ScheduledExecutorService executor;
    private final InetSocketAddress server;
    private final Pipe wakeups;
    private final EndpointContext requestContext;
    /** The context of the one message {@link #connect} sends: withheld once the session is up, see {@link HandshakeOnly}. */
    private final EndpointContext handshakeOnlyContext;
    private final ConcurrentLinkedQueue<byte[]> inbox = new ConcurrentLinkedQueue<>();
    /** A wake-up byte is in the pipe (or about to be) that the generator thread has not consumed. */
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    /** Why Scandium could not send an earlier message (e.g. a failed handshake), reported by the next {@link #send}. */
    private final AtomicReference<Throwable> sendFailure = new AtomicReference<>();
    private final ByteBuffer drained = ByteBuffer.allocate(64);
    private final MessageCallback requestCallback = new RequestCallback();

    private ScandiumClientTransport(DtlsConnectorConfig config, ScheduledExecutorService executor, InetSocketAddress server)
            throws IOException {
        this.server = server;
        this.executor = executor;
        this.requestContext = new AddressEndpointContext(server);
        this.handshakeOnlyContext = new AddressEndpointContext(server);
        this.wakeups = Pipe.open();
        this.connector = new DTLSConnector(config);
        try {
            wakeups.source().configureBlocking(false);
            connector.setExecutor(executor);
            connector.setEndpointContextMatcher(new HandshakeOnly(handshakeOnlyContext));
            connector.setRawDataReceiver(this::onRawData);
            connector.start();
        } catch (IOException | RuntimeException e) {
            connector.destroy();
            wakeups.source().close();
            wakeups.sink().close();
            throw e;
        }
    }

    /**
     * A factory of Scandium clients with the benchmark PSK ({@link BenchPsk}), offering only
     * TLS_PSK_WITH_AES_128_CCM_8; see {@link #factory} for the rest.
     */
    public static Factory pskFactory() {
        return factory(builder -> builder
                .setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_PSK_WITH_AES_128_CCM_8)
                .setAdvancedPskStore(new AdvancedSinglePskStore(BenchPsk.IDENTITY, BenchPsk.key())));
    }

    /**
     * A factory of Scandium clients in the RawPublicKey mode: {@code clientKey} as the client's raw public key,
     * trusting only {@code serverKey}, offering only TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 (as the servers'
     * configuration in {@link io.coaps4j.bench.server.CaliforniumRpkServer}); see {@link #factory} for the rest.
     */
    public static Factory rpkFactory(KeyPair clientKey, PublicKey serverKey) {
        return factory(builder -> builder
                .setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8)
                .setAsList(DtlsConfig.DTLS_CERTIFICATE_TYPES, CertificateType.RAW_PUBLIC_KEY)
                .setCertificateIdentityProvider(new SingleCertificateProvider(clientKey.getPrivate(), clientKey.getPublic()))
                .setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
                        .setTrustedRPKs(new RawPublicKeyIdentity(serverKey)).build()));
    }

    /**
     * A factory of Scandium clients with the credentials and suite that {@code credentials} sets, client role only,
     * everything else Scandium's defaults (extended master secret, no connection ID, its handshake
     * retransmissions). Each transport binds an ephemeral port on the server's address when that is a loopback
     * address, else on any address. The transports are thread-safe, so one factory serves every generator thread.
     */
    private static Factory factory(Consumer<DtlsConnectorConfig.Builder> credentials) {
        DtlsConfig.register();
        UdpConfig.register();
        Configuration configuration = Configuration.createStandardWithoutFile();
        DtlsConnectorConfig.Builder builder = DtlsConnectorConfig.builder(configuration)
                .setAddress(new InetSocketAddress(0))
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                // One socket, one peer: one receiver thread and a small connection store, not a server's 150,000.
                .set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1)
                .set(DtlsConfig.DTLS_MAX_CONNECTIONS, 4);
        credentials.accept(builder);
        DtlsConnectorConfig template = builder.build();
        ScheduledExecutorService executor = sharedExecutor(configuration.get(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT));
        return server -> new ScandiumClientTransport(DtlsConnectorConfig.builder(template)
                .setAddress(new InetSocketAddress(server.getAddress().isLoopbackAddress() ? server.getAddress() : null, 0))
                .build(), executor, server);
    }

    /**
     * The worker pool and timer every connector of the process shares, created with Scandium's default worker
     * count on first use; daemon threads, so it never holds the JVM.
     */
    private static synchronized ScheduledExecutorService sharedExecutor(int threads) {
        if (sharedExecutor == null) {
            sharedExecutor = ExecutorsUtil.newScheduledThreadPool(threads, new DaemonThreadFactory("scandium-client#"));
        }
        return sharedExecutor;
    }

    /**
     * Runs the DTLS handshake (cookie exchange included, Scandium's retransmissions) and blocks until it ended,
     * at most {@code timeout}. Scandium starts a client handshake only for an outbound message: this one is
     * empty and withheld once the session is up, so no application data leaves before the first request.
     */
    @Override
    public void connect(Duration timeout) throws IOException {
        CompletableFuture<Void> handshake = new CompletableFuture<>();
        connector.send(RawData.outbound(new byte[0], handshakeOnlyContext, new HandshakeCallback(handshake), false));
        try {
            handshake.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IOException("DTLS handshake with " + server + " did not complete within " + timeout);
        } catch (ExecutionException e) {
            throw new IOException("DTLS handshake with " + server + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during the DTLS handshake with " + server, e);
        }
        if (connector.getDtlsContextByAddress(server) == null) {
            throw new IOException("DTLS handshake with " + server + " ended without a session");
        }
    }

    @Override
    public SelectableChannel channel() {
        return wakeups.source();
    }

    /**
     * Hands a copy of the message to Scandium, which protects and sends it on its worker pool. A failure of an
     * earlier send that Scandium reported since (a failed handshake, a closed connector) is thrown instead.
     */
    @Override
    public void send(ByteBuffer coapMessage) throws IOException {
        Throwable failure = sendFailure.getAndSet(null);
        if (failure != null) {
            throw new IOException("Scandium could not send to " + server + ": " + failure, failure);
        }
        byte[] message = new byte[coapMessage.remaining()];
        coapMessage.get(message);
        connector.send(RawData.outbound(message, requestContext, requestCallback, false));
    }

    @Override
    public int receive(ByteBuffer coapOut) throws IOException {
        byte[] message = inbox.poll();
        if (message == null) {
            drainWakeups();
            // Cleared before the second look: a message queued after it writes a new wake-up byte.
            wakeupPending.set(false);
            message = inbox.poll();
            if (message == null) {
                return NOTHING_WAITING;
            }
        }
        coapOut.put(message).flip();
        return MESSAGE;
    }

    /**
     * Sends close_notify (RFC 5246 section 7.2.1) and stops the connector a moment later, once the alert has
     * left; the pipe closes at once, so nothing more is delivered.
     */
    @Override
    public void close() throws IOException {
        try {
            connector.close(server);
            executor.schedule(connector::destroy, CLOSE_NOTIFY_GRACE_MS, TimeUnit.MILLISECONDS);
        } finally {
            try {
                wakeups.source().close();
            } finally {
                wakeups.sink().close();
            }
        }
    }

    /** On a Scandium worker thread: one decrypted application-data record, a CoAP message. */
    private void onRawData(RawData data) {
        inbox.add(data.getBytes());
        if (wakeupPending.compareAndSet(false, true)) {
            try {
                wakeups.sink().write(ByteBuffer.wrap(new byte[1]));
            } catch (ClosedChannelException e) {
                // The client has closed: nobody waits for this message.
            } catch (IOException e) {
                sendFailure.set(e);
            }
        }
    }

    private void drainWakeups() throws IOException {
        int read;
        do {
            drained.clear();
            read = wakeups.source().read(drained);
        } while (read == drained.capacity());
    }

    /** Scandium's message callback with nothing to do for each event; a subclass overrides what it needs. */
    private abstract static class QuietCallback implements MessageCallback {
        @Override
        public void onConnecting() {
        }

        @Override
        public void onDtlsRetransmission(int flight) {
        }

        @Override
        public void onContextEstablished(EndpointContext context) {
        }

        @Override
        public void onSent() {
        }

        @Override
        public void onError(Throwable error) {
        }
    }

    /** Remembers why a request could not be sent; the generator's resend timer retries it. */
    private final class RequestCallback extends QuietCallback {
        @Override
        public void onError(Throwable error) {
            sendFailure.set(error);
        }
    }

    /** Completes when the handshake of {@link #connect} ended: its message withheld means the session is up. */
    private static final class HandshakeCallback extends QuietCallback {
        private final CompletableFuture<Void> handshake;

        HandshakeCallback(CompletableFuture<Void> handshake) {
            this.handshake = handshake;
        }

        @Override
        public void onContextEstablished(EndpointContext context) {
            handshake.complete(null);
        }

        @Override
        public void onSent() {
            handshake.complete(null);
        }

        @Override
        public void onError(Throwable error) {
            if (error instanceof EndpointMismatchException) {
                handshake.complete(null);
            } else {
                handshake.completeExceptionally(error);
            }
        }
    }

    /**
     * Lets every message go except the handshake-only one once a session exists: Scandium asks before the
     * handshake with no connection context (sent, so the handshake starts) and again with the established one.
     */
    private static final class HandshakeOnly implements EndpointContextMatcher {
        private final EndpointContext handshakeOnly;

        HandshakeOnly(EndpointContext handshakeOnly) {
            this.handshakeOnly = handshakeOnly;
        }

        @Override
        public String getName() {
            return "handshake-only";
        }

        @Override
        public boolean isResponseRelatedToRequest(EndpointContext requestContext, EndpointContext responseContext) {
            return true;
        }

        @Override
        public boolean isToBeSent(EndpointContext messageContext, EndpointContext connectionContext) {
            return connectionContext == null || messageContext != handshakeOnly;
        }

        @Override
        public Object getEndpointIdentity(EndpointContext context) {
            return context.getPeerAddress();
        }

        @Override
        public String toRelevantState(EndpointContext context) {
            return context == handshakeOnly ? "handshake only" : "request";
        }
    }

}
