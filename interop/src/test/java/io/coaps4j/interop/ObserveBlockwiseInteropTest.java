package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.client.ObserveListener;
import io.coaps4j.coap.client.Observing;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.ExchangeFailure;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Block2 combined with Observe (RFC 7959 sections 2.3 and 3.4) against Californium 3.13 both ways
 * and libcoap's {@code coap-client -s -b}: a notification larger than a message arrives whole.
 */
class ObserveBlockwiseInteropTest {
    private static final int SIZE = 4_000;

    private final AtomicInteger counter = new AtomicInteger();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    /** A {@value #SIZE}-byte text whose every line names state {@code n}, so a mixture of two states shows. */
    static String state(int n) {
        StringBuilder text = new StringBuilder(SIZE);
        String line = "state " + n + " ";
        while (text.length() + line.length() <= SIZE) {
            text.append(line);
        }
        while (text.length() < SIZE) {
            text.append('.');
        }
        return text.toString();
    }

    private static String next(LinkedBlockingQueue<String> notifications) throws InterruptedException {
        String payload = notifications.poll(10, TimeUnit.SECONDS);
        assertThat(payload).as("a notification within 10 s").isNotNull();
        return payload;
    }

    @Test
    void californiumObservesOurLargeResource() throws Exception {
        Resource resource = Resource.builder("big").observable(MessageType.CON)
                .get(request -> CoapResponse.content(state(counter.get()))).build();
        CoapServer server = CoapServer.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .resource(resource).build().start();
        toClose.add(server);
        CoapClient client = CaliforniumPeers.client("coap://127.0.0.1:" + server.localAddress().getPort() + "/big");
        toClose.add(client::shutdown);
        LinkedBlockingQueue<String> notifications = new LinkedBlockingQueue<>();
        CoapObserveRelation relation = client.observe(new CoapHandler() {
            @Override
            public void onLoad(org.eclipse.californium.core.CoapResponse response) {
                notifications.add(response.getResponseText());
            }

            @Override
            public void onError() {
                notifications.add("error");
            }
        });
        assertThat(next(notifications)).isEqualTo(state(0));
        for (int i = 1; i <= 3; i++) {
            counter.set(i);
            resource.changed();
            assertThat(next(notifications)).as("notification %d whole", i).isEqualTo(state(i));
        }
        assertThat(resource.observerCount()).isOne();
        relation.proactiveCancel();
    }

    @Test
    void ourClientObservesCaliforniumsLargeResource() throws Exception {
        LargeResource resource = new LargeResource();
        org.eclipse.californium.core.CoapServer server =
                new org.eclipse.californium.core.CoapServer(CaliforniumPeers.configuration());
        CoapEndpoint endpoint = CaliforniumPeers.loopbackEndpoint();
        server.addEndpoint(endpoint);
        server.add(resource);
        server.start();
        toClose.add(server::destroy);
        io.coaps4j.coap.client.CoapClient client = io.coaps4j.coap.client.CoapClient.create();
        toClose.add(client);
        LinkedBlockingQueue<String> notifications = new LinkedBlockingQueue<>();
        CompletableFuture<ExchangeFailure> ended = new CompletableFuture<>();
        Observing observing = client.observe("coap://127.0.0.1:" + endpoint.getAddress().getPort() + "/big",
                new ObserveListener() {
                    @Override
                    public void onNotification(CoapResponse notification) {
                        notifications.add(notification.payloadAsString());
                    }

                    @Override
                    public void onEnded(ExchangeFailure failure) {
                        ended.complete(failure);
                    }
                });
        assertThat(next(notifications)).isEqualTo(state(0));
        for (int i = 1; i <= 3; i++) {
            counter.set(i);
            resource.changed();
            assertThat(next(notifications)).as("notification %d whole", i).isEqualTo(state(i));
        }
        assertThat(ended).isNotDone();
        observing.cancel();
        assertThat(ended.get(10, TimeUnit.SECONDS)).isEqualTo(ExchangeFailure.CANCELLED);
    }

    @Test
    void libcoapObservesOurLargeResourceInSmallBlocks() throws Exception {
        Resource resource = Resource.builder("big").observable(MessageType.CON)
                .get(request -> CoapResponse.content(state(counter.get()))).build();
        CoapServer server = CoapServer.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .resource(resource).build().start();
        toClose.add(server);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        toClose.add(ticker::shutdownNow);
        ticker.scheduleAtFixedRate(() -> {
            if (resource.observerCount() > 0 && counter.get() < 3) {
                counter.incrementAndGet();
                resource.changed();
            }
        }, 1500, 1500, TimeUnit.MILLISECONDS); // far apart: each body's 16 blocks arrive before the next change

        RunningProcess.Result result = RunningProcess.run(Duration.ofSeconds(30), List.of(
                Libcoap.client().toString(), "-B", "10", "-s", "6", "-b", "256", "-m", "get",
                "coap://127.0.0.1:" + server.localAddress().getPort() + "/big"));

        String out = result.stdout().endsWith("\n") ? result.stdout().substring(0, result.stdout().length() - 1)
                : result.stdout();
        String summary = "exit " + result.exitCode() + ", " + out.length() + " bytes out: "
                + out.replaceAll("(state \\d+ )\\1+", "[$1×n]") + ", stderr: " + result.stderr();
        assertThat(result.exitCode()).as(summary).isZero();
        // coap-client prints each whole body as it is; every state is SIZE bytes of "state n ".
        assertThat(out.length() % SIZE).as(summary).isZero();
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < out.length(); i += SIZE) {
            String body = out.substring(i, i + SIZE);
            int n = Integer.parseInt(Pattern.compile("state (\\d+) ").matcher(body).results().findFirst()
                    .orElseThrow().group(1));
            assertThat(body).as("body %d is one state, not a mixture", i / SIZE).isEqualTo(state(n));
            seen.add(n);
        }
        assertThat(seen).as(summary).startsWith(0).hasSizeGreaterThanOrEqualTo(2).isSorted()
                .doesNotHaveDuplicates();
    }

    @Test
    void californiumObservesOurResourceWithALargeFetch() throws Exception {
        Resource resource = Resource.builder("big").observable(MessageType.CON)
                .get(request -> CoapResponse.content("plain"))
                .on(io.coaps4j.coap.message.Code.FETCH, request -> CoapResponse.content(
                        request.payloadAsString() + state(counter.get())))
                .build();
        CoapServer server = CoapServer.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .resource(resource).build().start();
        toClose.add(server);
        CoapClient client = CaliforniumPeers.client("coap://127.0.0.1:" + server.localAddress().getPort() + "/big");
        toClose.add(client::shutdown);
        LinkedBlockingQueue<String> notifications = new LinkedBlockingQueue<>();
        org.eclipse.californium.core.coap.Request fetch = org.eclipse.californium.core.coap.Request.newFetch();
        fetch.setURI("coap://127.0.0.1:" + server.localAddress().getPort() + "/big");
        fetch.setPayload("q;");
        fetch.setObserve();
        CoapObserveRelation relation = client.observe(fetch, new CoapHandler() {
            @Override
            public void onLoad(org.eclipse.californium.core.CoapResponse response) {
                notifications.add(response.getResponseText());
            }

            @Override
            public void onError() {
                notifications.add("error");
            }
        });
        assertThat(next(notifications)).isEqualTo("q;" + state(0));
        for (int i = 1; i <= 2; i++) {
            counter.set(i);
            resource.changed();
            assertThat(next(notifications)).as("notification %d whole, answering the FETCH", i)
                    .isEqualTo("q;" + state(i));
        }
        assertThat(resource.observerCount()).isOne();
        relation.proactiveCancel();
    }

    /** A Californium observable resource whose state is {@link #state} of the test's counter. */
    private final class LargeResource extends CoapResource {
        LargeResource() {
            super("big");
            setObservable(true);
            setObserveType(CoAP.Type.CON);
            getAttributes().setObservable();
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            exchange.respond(CoAP.ResponseCode.CONTENT, state(counter.get()), MediaTypeRegistry.TEXT_PLAIN);
        }
    }
}
