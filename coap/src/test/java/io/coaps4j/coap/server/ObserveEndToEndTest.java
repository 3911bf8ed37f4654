package io.coaps4j.coap.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.client.ObserveListener;
import io.coaps4j.coap.client.Observing;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.ExchangeFailure;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.MessageType;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Observable resources and {@link CoapClient#observe} over real UDP on loopback. */
class ObserveEndToEndTest {
    private final AtomicInteger state = new AtomicInteger();
    private final LinkedBlockingQueue<Integer> observerCounts = new LinkedBlockingQueue<>();
    private CoapServer server;
    private CoapClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Resource counter(MessageType type) {
        return Resource.builder("counter").observable(type).onObserversChanged(observerCounts::add)
                .get(request -> CoapResponse.content("n=" + state.get())).build();
    }

    private String start(Resource... resources) {
        CoapServer.Builder builder = CoapServer.builder().bind(new InetSocketAddress("127.0.0.1", 0));
        for (Resource resource : resources) {
            builder.resource(resource);
        }
        server = builder.build().start();
        client = CoapClient.create();
        return "coap://127.0.0.1:" + server.localAddress().getPort();
    }

    private static final class Recorder implements ObserveListener {
        final LinkedBlockingQueue<CoapResponse> notifications = new LinkedBlockingQueue<>();
        final CompletableFuture<ExchangeFailure> ended = new CompletableFuture<>();

        @Override
        public void onNotification(CoapResponse notification) {
            notifications.add(notification);
        }

        @Override
        public void onEnded(ExchangeFailure failure) {
            ended.complete(failure);
        }

        String next() throws InterruptedException {
            CoapResponse response = notifications.poll(10, TimeUnit.SECONDS);
            assertThat(response).as("a notification within 10 s").isNotNull();
            return response.payloadAsString();
        }
    }

    @ParameterizedTest
    @EnumSource(value = MessageType.class, names = {"CON", "NON"})
    void aClientObservesChangesUntilItCancels(MessageType type) throws Exception {
        Resource counter = counter(type);
        String base = start(counter);
        Recorder recorder = new Recorder();
        Observing observing = client.observe(base + "/counter", recorder);
        assertThat(recorder.next()).isEqualTo("n=0");
        assertThat(observerCounts.poll(10, TimeUnit.SECONDS)).isEqualTo(1);
        for (int i = 1; i <= 3; i++) {
            state.set(i);
            counter.changed();
            assertThat(recorder.next()).isEqualTo("n=" + i);
        }
        observing.cancel();
        assertThat(recorder.ended.get(10, TimeUnit.SECONDS)).isEqualTo(ExchangeFailure.CANCELLED);
        assertThat(observerCounts.poll(10, TimeUnit.SECONDS)).as("Observe 1 deregistered").isZero();
        assertThat(counter.observerCount()).isZero();
    }

    /** The FETCH answer: the query body and the state, repeated to about 3,000 bytes for the body "big". */
    private String fetched(String body) {
        String once = body + ":" + state.get() + ";";
        return body.equals("big") ? once.repeat(3_000 / once.length()) : once;
    }

    @Test
    void aFetchObservesWithItsBodyAndEachNotificationAnswersThatFetchEvenBlockwise() throws Exception {
        Resource counter = Resource.builder("counter").observable(MessageType.NON).onObserversChanged(observerCounts::add)
                .get(request -> CoapResponse.content("n=" + state.get()))
                .on(Code.FETCH, request -> CoapResponse.content(fetched(request.payloadAsString())))
                .build();
        String base = start(counter);
        Recorder small = new Recorder();
        Recorder big = new Recorder();
        Observing first = client.observe(ClientRequest.method(Code.FETCH, base + "/counter").payload("x").build(), small);
        Observing second = client.observe(ClientRequest.method(Code.FETCH, base + "/counter").payload("big").build(),
                big);
        assertThat(small.next()).isEqualTo("x:0;");
        assertThat(big.next()).as("a body larger than one message, whole").isEqualTo(fetched("big")).hasSizeGreaterThan(2_000);
        while (counter.observerCount() < 2) {
            assertThat(observerCounts.poll(10, TimeUnit.SECONDS)).as("both registered (RFC 8132 section 2.4)").isNotNull();
        }
        for (int i = 1; i <= 2; i++) {
            state.set(i);
            counter.changed();
            assertThat(small.next()).isEqualTo("x:" + i + ";");
            assertThat(big.next()).isEqualTo(fetched("big"));
        }
        first.cancel();
        second.cancel();
        assertThat(small.ended.get(10, TimeUnit.SECONDS)).isEqualTo(ExchangeFailure.CANCELLED);
        assertThat(big.ended.get(10, TimeUnit.SECONDS)).isEqualTo(ExchangeFailure.CANCELLED);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counter.observerCount() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // the FETCH with Observe 1 is handled on the server's loop
        }
        assertThat(counter.observerCount()).as("a FETCH with Observe 1 deregistered").isZero();
    }

    @Test
    void aReactiveCancelDeregistersWithTheRstToTheNextNotification() throws Exception {
        Resource counter = counter(MessageType.NON);
        String base = start(counter);
        Recorder recorder = new Recorder();
        Observing observing = client.observe(base + "/counter", recorder);
        recorder.next();
        assertThat(observerCounts.poll(10, TimeUnit.SECONDS)).isEqualTo(1);
        observing.cancel(false);
        assertThat(recorder.ended.get(10, TimeUnit.SECONDS)).isEqualTo(ExchangeFailure.CANCELLED);
        counter.changed();
        assertThat(observerCounts.poll(10, TimeUnit.SECONDS)).as("the RST deregistered").isZero();
    }

    @Test
    void observeOnANonObservableResourceIsServedAsAPlainGet() throws Exception {
        String base = start(Resource.builder("plain").get(request -> CoapResponse.content("p")).build());
        Recorder recorder = new Recorder();
        client.observe(base + "/plain", recorder);
        CoapResponse response = recorder.notifications.poll(10, TimeUnit.SECONDS);
        assertThat(response.payloadAsString()).isEqualTo("p");
        assertThat(response.option(6)).as("no Observe option").isEmpty();
        assertThat(recorder.ended.get(10, TimeUnit.SECONDS)).as("the server ended it").isNull();
    }

    @Test
    void anObservableResourceIsListedWithObs() {
        String base = start(counter(MessageType.CON));
        String links = client.get(base + "/.well-known/core").payloadAsString();
        assertThat(links).contains("</counter>;obs");
    }

    @Test
    void anErrorNotificationEndsTheObservation() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Resource flaky = Resource.builder("flaky").observable()
                .get(request -> {
                    if (state.get() > 0) {
                        throw new IllegalStateException("gone");
                    }
                    return CoapResponse.content("ok");
                }).onObserversChanged(observerCounts::add).build();
        String base = start(flaky);
        Recorder recorder = new Recorder();
        client.observe(base + "/flaky", recorder);
        seen.add(recorder.next());
        assertThat(observerCounts.poll(10, TimeUnit.SECONDS)).isEqualTo(1);
        state.set(1);
        flaky.changed();
        CoapResponse last = recorder.notifications.poll(10, TimeUnit.SECONDS);
        assertThat(last.code().codeClass()).isEqualTo(5);
        assertThat(recorder.ended.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(observerCounts.poll(10, TimeUnit.SECONDS)).isZero();
        assertThat(seen).containsExactly("ok");
    }
}
