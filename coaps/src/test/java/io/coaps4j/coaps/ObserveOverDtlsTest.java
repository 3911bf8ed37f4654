package io.coaps4j.coaps;

import static io.coaps4j.coaps.Fixtures.KEY;
import static io.coaps4j.coaps.Fixtures.connector;
import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.client.ObserveListener;
import io.coaps4j.coap.client.Observing;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.ExchangeFailure;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * RFC 7641 over DTLS with a pre-shared key: notifications travel in the registration's session, the
 * observation ends with the session, and the client registers again over a new handshake.
 */
class ObserveOverDtlsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aClosedSessionEndsTheObservationAndTheClientRegistersAgainInANewOne() throws Exception {
        AtomicInteger counter = new AtomicInteger();
        LinkedBlockingQueue<Integer> observerCounts = new LinkedBlockingQueue<>();
        Resource resource = Resource.builder("counter").observable(MessageType.CON)
                .onObserversChanged(observerCounts::add)
                .get(request -> CoapResponse.content("n=" + counter.get())).build();
        DtlsConnector serverConnector = connector("device-1", KEY).build();
        DtlsConnector clientConnector = connector("device-1", KEY).build();
        try (CoapServer server = CoapServer.builder().connector(serverConnector).resource(resource).build().start();
             CoapClient client = CoapClient.builder().connector(clientConnector).timeout(TIMEOUT).build()) {
            LinkedBlockingQueue<String> notifications = new LinkedBlockingQueue<>();
            CompletableFuture<ExchangeFailure> ended = new CompletableFuture<>();
            Observing observing = client.observe(Fixtures.uri(server.localAddress(), "/counter"), new ObserveListener() {
                @Override
                public void onNotification(CoapResponse notification) {
                    notifications.add(notification.payloadAsString());
                }

                @Override
                public void onEnded(ExchangeFailure failure) {
                    ended.complete(failure);
                }
            });
            assertThat(notifications.poll(10, TimeUnit.SECONDS)).isEqualTo("n=0");
            assertThat(observerCounts.poll(10, TimeUnit.SECONDS)).isEqualTo(1);
            counter.set(1);
            resource.changed();
            assertThat(notifications.poll(10, TimeUnit.SECONDS)).isEqualTo("n=1");
            SecurePeer first = serverConnector.sessions().get(0);

            InetSocketAddress clientAddress = clientConnector.localAddress();
            assertThat(serverConnector.closeSession(clientAddress).get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(observerCounts.poll(10, TimeUnit.SECONDS)).as("the session's end ends the observation").isZero();
            assertThat(observerCounts.poll(10, TimeUnit.SECONDS)).as("registered again in a new session").isEqualTo(1);
            assertThat(notifications.poll(10, TimeUnit.SECONDS)).as("the new registration's response").isEqualTo("n=1");
            assertThat(serverConnector.sessions()).hasSize(1).doesNotContain(first);

            counter.set(2);
            resource.changed();
            assertThat(notifications.poll(10, TimeUnit.SECONDS)).isEqualTo("n=2");
            assertThat(ended).isNotDone();
            observing.cancel();
            assertThat(ended.get(10, TimeUnit.SECONDS)).isEqualTo(ExchangeFailure.CANCELLED);
            assertThat(observerCounts.poll(10, TimeUnit.SECONDS)).isZero();
        }
    }
}
