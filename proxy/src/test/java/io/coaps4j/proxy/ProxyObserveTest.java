package io.coaps4j.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.client.ObserveListener;
import io.coaps4j.coap.client.Observing;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.server.Resource;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Observe (RFC 7641 section 5) through the proxy: the proxy observes the origin and relays its notifications. */
class ProxyObserveTest {

    @Test
    void notificationsOfTheOriginReachTheClientAndCancellingEndsTheOriginsObservation() throws Exception {
        AtomicInteger state = new AtomicInteger();
        Resource counter = Resource.builder("counter").observable()
                .get(request -> CoapResponse.content("n=" + state.get())).build();
        try (ProxyRig rig = new ProxyRig(counter)) {
            rig.startProxy(proxy -> { });
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            String proxyUri = "coaps://127.0.0.1:" + rig.proxyAddress(true).getPort();
            Observing observing = rig.client().observe(ClientRequest.get(proxyUri)
                    .option(Option.ofString(OptionNumber.PROXY_URI, rig.originUri(true, "/counter"))).build(),
                    new ObserveListener() {
                        @Override
                        public void onNotification(CoapResponse notification) {
                            seen.add(notification.payloadAsString());
                        }
                    });

            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("n=0");
            awaitObservers(counter, 1);
            state.set(1);
            counter.changed();
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("n=1");
            state.set(2);
            counter.changed();
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("n=2");

            observing.cancel(true);
            awaitObservers(counter, 0); // the proxy stopped observing the origin
        }
    }

    @Test
    void aFetchWithObserveIsRelayedAsAnObservationToo() throws Exception {
        AtomicInteger state = new AtomicInteger();
        Resource counter = Resource.builder("counter").observable()
                .get(request -> CoapResponse.content("n=" + state.get()))
                .on(Code.FETCH, request -> CoapResponse.content(request.payloadAsString() + "=" + state.get())).build();
        try (ProxyRig rig = new ProxyRig(counter)) {
            rig.startProxy(proxy -> { });
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            String proxyUri = "coaps://127.0.0.1:" + rig.proxyAddress(true).getPort();
            Observing observing = rig.client().observe(ClientRequest.method(Code.FETCH, proxyUri)
                    .option(Option.ofString(OptionNumber.PROXY_URI, rig.originUri(true, "/counter")))
                    .payload("q").build(), new ObserveListener() {
                        @Override
                        public void onNotification(CoapResponse notification) {
                            seen.add(notification.payloadAsString());
                        }
                    });

            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("q=0");
            awaitObservers(counter, 1); // RFC 8132 section 2.4: the proxy observes the origin with the FETCH
            state.set(1);
            counter.changed();
            assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("q=1");

            observing.cancel(true);
            awaitObservers(counter, 0);
        }
    }

    private static void awaitObservers(Resource resource, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (resource.observerCount() != count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(resource.observerCount()).isEqualTo(count);
    }
}
