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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 7641 with Californium 3.13 both ways, CON and NON notifications, over coap:// on loopback. */
class CaliforniumObserveTest {
    private final AtomicInteger counter = new AtomicInteger();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private static String next(LinkedBlockingQueue<String> notifications) throws InterruptedException {
        String payload = notifications.poll(10, TimeUnit.SECONDS);
        assertThat(payload).as("a notification within 10 s").isNotNull();
        return payload;
    }

    @ParameterizedTest
    @EnumSource(value = MessageType.class, names = {"CON", "NON"})
    void californiumObservesOurServer(MessageType type) throws Exception {
        LinkedBlockingQueue<Integer> observerCounts = new LinkedBlockingQueue<>();
        Resource resource = Resource.builder("counter").observable(type).onObserversChanged(observerCounts::add)
                .get(request -> CoapResponse.content("n=" + counter.get())).build();
        CoapServer server = CoapServer.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .resource(resource).build().start();
        toClose.add(server);
        CoapClient client = CaliforniumPeers.client("coap://127.0.0.1:" + server.localAddress().getPort() + "/counter");
        toClose.add(client::shutdown);
        LinkedBlockingQueue<String> notifications = new LinkedBlockingQueue<>();
        List<CoAP.Type> types = new CopyOnWriteArrayList<>();
        CoapObserveRelation relation = client.observe(new CoapHandler() {
            @Override
            public void onLoad(org.eclipse.californium.core.CoapResponse response) {
                types.add(response.advanced().getType());
                notifications.add(response.getResponseText());
            }

            @Override
            public void onError() {
                notifications.add("error");
            }
        });
        assertThat(next(notifications)).isEqualTo("n=0");
        assertThat(observerCounts.poll(10, TimeUnit.SECONDS)).isEqualTo(1);
        for (int i = 1; i <= 3; i++) {
            counter.set(i);
            resource.changed();
            assertThat(next(notifications)).isEqualTo("n=" + i);
        }
        assertThat(types.subList(1, types.size())).as("notifications as the resource asks")
                .containsOnly(type == MessageType.CON ? CoAP.Type.CON : CoAP.Type.NON);
        relation.proactiveCancel();
        assertThat(observerCounts.poll(10, TimeUnit.SECONDS)).as("Californium's Observe 1 deregistered").isZero();
    }

    @ParameterizedTest
    @EnumSource(value = CoAP.Type.class, names = {"CON", "NON"})
    void ourClientObservesCalifornium(CoAP.Type type) throws Exception {
        CountingResource resource = new CountingResource(type);
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
        Observing observing = client.observe("coap://127.0.0.1:" + endpoint.getAddress().getPort() + "/counter",
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
        assertThat(next(notifications)).isEqualTo("n=0");
        for (int i = 1; i <= 3; i++) {
            counter.set(i);
            resource.changed();
            assertThat(next(notifications)).isEqualTo("n=" + i);
        }
        assertThat(resource.getObserverCount()).isOne();
        observing.cancel();
        assertThat(ended.get(10, TimeUnit.SECONDS)).isEqualTo(ExchangeFailure.CANCELLED);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (resource.getObserverCount() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // Californium handles our Observe 1 on its own threads
        }
        assertThat(resource.getObserverCount()).as("our Observe 1 deregistered").isZero();
    }

    /** A Californium observable resource whose state is the test's counter. */
    private final class CountingResource extends CoapResource {
        CountingResource(CoAP.Type type) {
            super("counter");
            setObservable(true);
            setObserveType(type);
            getAttributes().setObservable();
        }

        @Override
        public void handleGET(CoapExchange exchange) {
            exchange.respond(CoAP.ResponseCode.CONTENT, "n=" + counter.get(), MediaTypeRegistry.TEXT_PLAIN);
        }
    }
}
