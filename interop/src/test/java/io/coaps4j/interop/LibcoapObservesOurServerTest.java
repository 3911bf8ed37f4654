package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** libcoap's {@code coap-client -s} observing our server's resources, with CON and NON notifications (RFC 7641). */
class LibcoapObservesOurServerTest {
    private static final Duration RUN_LIMIT = Duration.ofSeconds(20);

    private final AtomicInteger counter = new AtomicInteger();
    private final LinkedBlockingQueue<Integer> observerCounts = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private Path coapClient;
    private CoapServer server;

    @BeforeEach
    void start() {
        coapClient = Libcoap.client();
    }

    @AfterEach
    void stop() {
        ticker.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = MessageType.class, names = {"CON", "NON"})
    void coapClientSubscribesAndSeesEveryChange(MessageType type) throws Exception {
        Resource resource = Resource.builder("counter").observable(type).onObserversChanged(observerCounts::add)
                .get(request -> CoapResponse.content("n=" + counter.get())).build();
        server = CoapServer.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .resource(resource).build().start();
        ticker.scheduleAtFixedRate(() -> {
            if (resource.observerCount() > 0) {
                counter.incrementAndGet();
                resource.changed();
            }
        }, 300, 300, TimeUnit.MILLISECONDS);

        RunningProcess.Result result = RunningProcess.run(RUN_LIMIT, List.of(coapClient.toString(), "-B", "10",
                "-s", "3", "-m", "get", "coap://127.0.0.1:" + server.localAddress().getPort() + "/counter"));

        assertThat(result.exitCode()).as("%s", result).isZero();
        // coap-client prints each payload as it is, without a separator.
        assertThat(result.stdout()).as("%s", result).matches("(n=\\d+)+\\n?");
        List<Integer> values = Pattern.compile("n=(\\d+)").matcher(result.stdout()).results()
                .map(match -> Integer.parseInt(match.group(1))).toList();
        assertThat(values).as("%s", result).hasSizeGreaterThanOrEqualTo(4).startsWith(0);
        assertThat(values).as("in order, none twice").isSorted().doesNotHaveDuplicates();
        assertThat(observerCounts.poll(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(observerCounts.poll(10, TimeUnit.SECONDS)).as("deregistered when coap-client ends").isZero();
    }
}
