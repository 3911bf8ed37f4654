package io.coaps4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.client.ObserveListener;
import io.coaps4j.coap.client.Observing;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.ExchangeFailure;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.proxy.CoapProxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Observe (RFC 7641) protected end to end: the registration leaves sealed (outer FETCH with Observe), and
 * every notification comes back sealed under the registration's SA and bound to it, directly, past a relay
 * that sees only ciphertext, and through our proxy; a notification is never sent in the clear for a
 * protected registration.
 */
class E2eObserveTest {
    private E2eNodes nodes;

    @BeforeEach
    void start() throws Exception {
        nodes = new E2eNodes();
    }

    @AfterEach
    void stop() {
        nodes.close();
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
            ended.complete(failure == null ? ExchangeFailure.CANCELLED : failure);
        }

        CoapResponse next() throws InterruptedException {
            CoapResponse response = notifications.poll(10, TimeUnit.SECONDS);
            assertThat(response).as("a notification within 10 s").isNotNull();
            return response;
        }
    }

    /** Changes the reading once the server has registered the observer (which it does after its first answer). */
    private void change(int reading) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (nodes.sensor.observerCount() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(nodes.sensor.observerCount()).as("observers of /sensor").isPositive();
        nodes.reading.set(reading);
        nodes.sensor.changed();
    }

    private static void assertProtectedReading(CoapResponse notification, String expected) {
        assertThat(notification.code()).isEqualTo(Code.CONTENT);
        assertThat(notification.payloadAsString()).isEqualTo(expected);
        assertThat(E2eLayer.isProtected(notification)).as("protected end to end").isTrue();
    }

    @Test
    void everyNotificationOfAProtectedRegistrationArrivesProtected() throws Exception {
        Recorder recorder = new Recorder();
        Observing observing = nodes.client.observe(ClientRequest.get("coap://127.0.0.1:" + nodes.serverPort() + "/sensor")
                .option(E2eOptions.protectWith(E2eNodes.SA)).build(), recorder);

        assertProtectedReading(recorder.next(), "20 C for psk-client-1");
        for (int reading = 21; reading <= 23; reading++) {
            change(reading);
            assertProtectedReading(recorder.next(), reading + " C for psk-client-1");
        }
        observing.cancel();
    }

    @Test
    void aRelaySeesOnlyCiphertextInTheNotifications() throws Exception {
        try (TamperingRelay relay = new TamperingRelay(nodes.server.localAddress())) {
            Recorder recorder = new Recorder();
            nodes.client.observe(ClientRequest.get("coap://127.0.0.1:" + relay.address().getPort() + "/sensor")
                    .option(E2eOptions.protectWith(E2eNodes.SA)).build(), recorder);
            assertProtectedReading(recorder.next(), "20 C for psk-client-1");
            change(31);
            assertProtectedReading(recorder.next(), "31 C for psk-client-1");

            Message registration = MessageCodec.decode(relay.toServer.get(0));
            assertThat(registration.code()).isEqualTo(Code.FETCH);
            assertThat(registration.hasOption(OptionNumber.OBSERVE)).isTrue();
            assertThat(relay.toClient).hasSizeGreaterThanOrEqualTo(2);
            for (byte[] datagram : relay.toClient) {
                Message outer = MessageCodec.decode(datagram);
                assertThat(outer.code()).isEqualTo(Code.CONTENT);
                assertThat(new String(datagram, StandardCharsets.ISO_8859_1)).doesNotContain(" C for ");
            }
        }
    }

    @Test
    void aPlainObserverBesideItStaysPlain() throws Exception {
        Recorder plain = new Recorder();
        nodes.client.observe("coap://127.0.0.1:" + nodes.serverPort() + "/sensor", plain);

        CoapResponse first = plain.next();
        assertThat(first.payloadAsString()).isEqualTo("20 C for anybody");
        assertThat(E2eLayer.isProtected(first)).isFalse();
        change(22);
        assertThat(plain.next().payloadAsString()).isEqualTo("22 C for anybody");
    }

    @Test
    void whenTheServerDropsTheSaTheObservationEndsWithTheDistinct401NotInTheClear() throws Exception {
        Recorder recorder = new Recorder();
        nodes.client.observe(ClientRequest.get("coap://127.0.0.1:" + nodes.serverPort() + "/sensor")
                .option(E2eOptions.protectWith(E2eNodes.SA)).build(), recorder);
        assertProtectedReading(recorder.next(), "20 C for psk-client-1");

        nodes.serverSas.remove(E2eNodes.SA);
        change(40);

        CoapResponse last = recorder.next();
        assertThat(last.code()).isEqualTo(Code.UNAUTHORIZED);
        assertThat(last.payloadAsString()).isEqualTo(E2eDiagnostics.NO_ASSOCIATION);
        assertThat(recorder.ended.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(recorder.notifications).isEmpty();
    }

    @Test
    void notificationsGoThroughOurProxyProtected() throws Exception {
        try (CoapProxy proxy = CoapProxy.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .config(E2eNodes.CONFIG).build().start()) {
            Recorder recorder = new Recorder();
            nodes.client.observe(ClientRequest.get("coap://127.0.0.1:" + proxy.localAddresses().get(0).getPort())
                    .option(Option.ofString(OptionNumber.PROXY_URI,
                            "coap://127.0.0.1:" + nodes.serverPort() + "/sensor"))
                    .option(E2eOptions.protectWith(E2eNodes.SA)).build(), recorder);

            assertProtectedReading(recorder.next(), "20 C for psk-client-1");
            change(25);
            assertProtectedReading(recorder.next(), "25 C for psk-client-1");
            change(26);
            assertProtectedReading(recorder.next(), "26 C for psk-client-1");
        }
    }
}
