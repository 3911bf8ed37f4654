package io.coaps4j.proxy;

import static io.coaps4j.proxy.ProxyRig.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.server.Resource;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The cache in the proxy, against a real origin, in the proxy's virtual time: hits, validation, invalidation. */
class ProxyCacheTest {
    private static final long SECOND = 1_000_000_000L;
    private static final byte[] TAG = {0x0A, 0x0B};

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger version = new AtomicInteger(1);

    /** /v: ETag validation (2.03 when the request names the current tag), Max-Age 10; /short: Max-Age 0. */
    private ProxyRig rig() {
        ProxyRig[] rig = new ProxyRig[1];
        rig[0] = new ProxyRig(Resource.builder("v").get(request -> {
            rig[0].originRequests.incrementAndGet();
            rig[0].received.add(request.message());
            byte[] tag = {0x0A, (byte) (0x0A + version.get())};
            boolean current = request.message().options(OptionNumber.ETAG).stream()
                    .anyMatch(option -> Arrays.equals(option.value(), tag));
            if (current) {
                return CoapResponse.builder(Code.VALID).etag(tag).maxAge(10).build();
            }
            return CoapResponse.builder(Code.CONTENT).etag(tag).maxAge(10).payload("v" + version.get()).build();
        }).put(request -> {
            version.incrementAndGet();
            return CoapResponse.of(Code.CHANGED);
        }).build(), Resource.builder("short").get(request -> {
            rig[0].originRequests.incrementAndGet();
            return CoapResponse.builder(Code.CONTENT).maxAge(0).payload("s").build();
        }).build());
        rig[0].startProxy(proxy -> proxy.nanoClock(now::get));
        return rig[0];
    }

    @Test
    void aFreshResponseIsServedFromTheCacheWithMaxAgeReduced() {
        try (ProxyRig rig = rig()) {
            String uri = rig.originUri(true, "/v");
            Message first = rig.send(false, get(uri));
            now.addAndGet(4 * SECOND);
            Message second = rig.send(true, get(uri)); // another client leg, the same cache

            assertThat(rig.originRequests).hasValue(1);
            assertThat(second.payloadAsString()).isEqualTo("v1");
            assertThat(first.maxAge()).hasValue(10);
            assertThat(second.maxAge()).hasValue(6);
            // A client that already holds the current representation gets 2.03 from the cache.
            Message validated = rig.send(false, get(uri, Option.of(OptionNumber.ETAG, new byte[] {0x0A, 0x0B})));
            assertThat(validated.code()).isEqualTo(Code.VALID);
            assertThat(rig.originRequests).hasValue(1);
            // Another Accept is another key (section 5.6).
            rig.send(false, get(uri, Option.ofUint(OptionNumber.ACCEPT, 0)));
            assertThat(rig.originRequests).hasValue(2);
        }
    }

    @Test
    void aStaleResponseIsValidatedWithItsEtagAndA203RefreshesIt() {
        try (ProxyRig rig = rig()) {
            String uri = rig.originUri(false, "/v");
            rig.send(false, get(uri));
            now.addAndGet(11 * SECOND);

            Message revalidated = rig.send(false, get(uri));

            assertThat(rig.originRequests).hasValue(2);
            assertThat(rig.received.get(1).options(OptionNumber.ETAG)).containsExactly(Option.of(OptionNumber.ETAG, TAG));
            assertThat(revalidated.code()).isEqualTo(Code.CONTENT);
            assertThat(revalidated.payloadAsString()).isEqualTo("v1");
            now.addAndGet(5 * SECOND);
            assertThat(rig.send(false, get(uri)).payloadAsString()).isEqualTo("v1");
            assertThat(rig.originRequests).as("fresh again after the 2.03").hasValue(2);
        }
    }

    @Test
    void aSuccessfulUnsafeMethodDropsTheStoredResponseAndMaxAgeZeroIsNotStored() {
        try (ProxyRig rig = rig()) {
            String uri = rig.originUri(false, "/v");
            rig.send(false, get(uri));
            Message put = ProxyRig.viaProxyUri(Code.PUT, uri);
            assertThat(rig.send(false, put).code()).isEqualTo(Code.CHANGED);

            Message after = rig.send(false, get(uri));

            assertThat(after.payloadAsString()).isEqualTo("v2");
            String shortLived = rig.originUri(false, "/short");
            rig.send(false, get(shortLived));
            rig.send(false, get(shortLived));
            assertThat(rig.originRequests).hasValue(4);
        }
    }

    @Test
    void theProxysOwnErrorsAreNotCached() throws Exception {
        try (ProxyRig rig = rig(); java.net.DatagramSocket silent = new java.net.DatagramSocket(0, ProxyRig.LOOPBACK)) {
            String down = "coap://127.0.0.1:" + silent.getLocalPort() + "/x";
            rig.proxy().close();
            rig.startProxy(proxy -> proxy.nanoClock(now::get).timeout(java.time.Duration.ofMillis(500)));
            assertThat(rig.send(false, get(down)).code()).isEqualTo(Code.GATEWAY_TIMEOUT);
            silent.setSoTimeout(3000);
            io.coaps4j.coap.message.Token first = receive(silent).token();
            // A second request goes out again (a new token) rather than getting a stored 5.04.
            assertThat(rig.send(false, get(down)).code()).isEqualTo(Code.GATEWAY_TIMEOUT);
            io.coaps4j.coap.message.Token next = receive(silent).token();
            while (next.equals(first)) {
                next = receive(silent).token(); // a retransmission of the first
            }
            assertThat(next).isNotEqualTo(first);
        }
    }

    private static Message receive(java.net.DatagramSocket socket) throws Exception {
        java.net.DatagramPacket packet = new java.net.DatagramPacket(new byte[1500], 1500);
        socket.receive(packet);
        return io.coaps4j.coap.message.MessageCodec.decode(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
    }
}
