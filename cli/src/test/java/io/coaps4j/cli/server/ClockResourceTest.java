package io.coaps4j.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.client.ObserveListener;
import io.coaps4j.coap.client.Observing;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.ExchangeFailure;
import io.coaps4j.coap.server.CoapServer;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The clock ticks only while it has observers. */
class ClockResourceTest {
    @Test
    void ticksOnlyWhileObserved() throws Exception {
        try (ClockResource clock = new ClockResource(Clock.systemUTC());
             CoapServer server = CoapServer.builder().bind(new InetSocketAddress("127.0.0.1", 0))
                     .resource(clock.resource()).build().start();
             CoapClient client = CoapClient.create()) {
            assertThat(clock.ticking()).as("no timer before anyone observes").isFalse();
            LinkedBlockingQueue<CoapResponse> notifications = new LinkedBlockingQueue<>();
            CompletableFuture<ExchangeFailure> ended = new CompletableFuture<>();
            Observing observing = client.observe("coap://127.0.0.1:" + server.localAddress().getPort() + "/clock",
                    new ObserveListener() {
                        @Override
                        public void onNotification(CoapResponse notification) {
                            notifications.add(notification);
                        }

                        @Override
                        public void onEnded(ExchangeFailure failure) {
                            ended.complete(failure);
                        }
                    });
            assertThat(notifications.poll(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(notifications.poll(10, TimeUnit.SECONDS)).as("a tick").isNotNull();
            assertThat(clock.ticking()).isTrue();
            observing.cancel();
            ended.get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (clock.ticking() && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // the server hears the Observe 1 on its loop
            }
            assertThat(clock.ticking()).as("the timer stops with the last observer").isFalse();
            assertThat(clock.resource().observerCount()).isZero();
        }
    }
}
