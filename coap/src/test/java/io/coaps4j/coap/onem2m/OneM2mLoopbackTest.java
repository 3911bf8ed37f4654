package io.coaps4j.coap.onem2m;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.server.CoapServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Our client and our server over real loopback UDP, NoSec mode (coap://). */
class OneM2mLoopbackTest {
    private static final EngineConfig ONEM2M = OneM2mBinding.config(EngineConfig.DEFAULT);

    private static CoapServer server(OneM2mRequestHandler handler, EngineConfig config) {
        CoapServer.Builder builder = CoapServer.builder().bind(new InetSocketAddress("127.0.0.1", 0)).config(config);
        new OneM2mServerAdapter(handler).resources(8).forEach(builder::resource);
        return builder.build().start();
    }

    private static String base(CoapServer server) {
        return "coap://127.0.0.1:" + server.localAddress().getPort();
    }

    @Test
    void everyOperationRoundTripsBetweenOurClientAndOurServer() throws Exception {
        MiniCse cse = new MiniCse();
        cse.resources.put("cse-in", "{\"m2m:cb\":{}}");
        try (CoapServer server = server(cse, ONEM2M);
             CoapClient coap = CoapClient.builder().config(ONEM2M).timeout(Duration.ofSeconds(5)).build()) {
            OneM2mClient client = new OneM2mClient(coap);
            String base = base(server);

            RequestPrimitive register = RequestPrimitive.builder(Operation.CREATE, "cse-in").requestIdentifier("c1")
                    .resourceType(RequestPrimitive.TYPE_AE).releaseVersion("3")
                    .content("{\"m2m:ae\":{\"rn\":\"ae1\"}}", 10001).build();
            ResponsePrimitive created = client.sendAndWait(base, register);
            assertThat(created.statusCode()).isEqualTo(ResponseStatusCode.CREATED);
            assertThat(created.requestIdentifier()).hasValue("c1");
            assertThat(created.releaseVersion()).hasValue("3");
            assertThat(created.location()).containsExactly("cse-in", "r1");
            assertThat(created.contentAsString()).isEqualTo("{\"m2m:ae\":{\"rn\":\"ae1\"}}");

            ResponsePrimitive read = client.sendAndWait(base, RequestPrimitive.builder(Operation.RETRIEVE, "cse-in/r1")
                    .from("Cae1").requestIdentifier("c2").build());
            assertThat(read.statusCode()).isEqualTo(ResponseStatusCode.OK);
            assertThat(read.contentAsString()).contains("ae1");

            assertThat(client.sendAndWait(base, RequestPrimitive.builder(Operation.UPDATE, "cse-in/r1").from("Cae1")
                    .requestIdentifier("c3").content("{\"m2m:ae\":{\"lbl\":[\"x\"]}}", 50).build()).statusCode())
                    .isEqualTo(ResponseStatusCode.UPDATED);
            assertThat(cse.resources.get("cse-in/r1")).contains("lbl");

            ResponsePrimitive notified = client.sendAndWait(base, RequestPrimitive.builder(Operation.NOTIFY, "cse-in")
                    .from("/CSE178").requestIdentifier("n1").content("{\"m2m:sgn\":{}}", 10003).build());
            assertThat(notified.statusCode()).isEqualTo(ResponseStatusCode.OK);
            assertThat(cse.notifications).singleElement().satisfies(n -> assertThat(n.from()).hasValue("/CSE178"));

            assertThat(client.sendAndWait(base, RequestPrimitive.builder(Operation.DELETE, "cse-in/r1").from("Cae1")
                    .requestIdentifier("c4").build()).statusCode()).isEqualTo(ResponseStatusCode.DELETED);
            assertThat(client.sendAndWait(base, RequestPrimitive.builder(Operation.RETRIEVE, "cse-in/r1").from("Cae1")
                    .requestIdentifier("c5").build()).statusCode()).isEqualTo(ResponseStatusCode.NOT_FOUND);
        }
    }

    @Test
    void twoRequestIdentifiersOnTheWireGetBadOptionWithRsc4000() throws Exception {
        try (CoapServer server = server(new MiniCse(), ONEM2M);
             CoapClient coap = CoapClient.builder().config(ONEM2M).timeout(Duration.ofSeconds(5)).build()) {
            CoapResponse response = coap.send(ClientRequest.get(base(server) + "/cse-in")
                    .option(Option.ofString(279, "Cae1")).option(Option.ofString(283, "a"))
                    .option(Option.ofString(283, "b")).build());
            assertThat(response.code()).isEqualTo(Code.BAD_OPTION);
            assertThat(response.option(307).orElseThrow().uintValue()).isEqualTo(4000);
            assertThat(response.payloadAsString()).contains("oneM2M-RQI");
        }
    }

    @Test
    void withoutTheBindingsRegistryTheCoapLayerRefusesEveryOneM2mRequest() throws Exception {
        try (CoapServer server = server(new MiniCse(), EngineConfig.DEFAULT);
             CoapClient coap = CoapClient.builder().config(ONEM2M).timeout(Duration.ofSeconds(5)).build()) {
            ResponsePrimitive response = new OneM2mClient(coap).sendAndWait(base(server),
                    RequestPrimitive.builder(Operation.RETRIEVE, "cse-in").from("C").requestIdentifier("r").build());
            // A bare 4.02 from the CoAP layer: no oneM2M-RSC, read back from the code.
            assertThat(response.statusCode()).isEqualTo(ResponseStatusCode.BAD_REQUEST);
            assertThat(response.requestIdentifier()).isEmpty();
        }
    }

    /** TS-0008 clause 6.3.1: the Originator's binding may answer REQUEST_TIMEOUT itself. */
    @Test
    void noResponseInTimeIsARequestTimeoutPrimitive() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        OneM2mRequestHandler stuck = (request, coap) -> {
            release.await(10, TimeUnit.SECONDS);
            return ResponsePrimitive.answering(request, ResponseStatusCode.OK).build();
        };
        try (CoapServer server = server(stuck, ONEM2M);
             CoapClient coap = CoapClient.builder().config(ONEM2M).timeout(Duration.ofMillis(300)).build()) {
            ResponsePrimitive response;
            try {
                response = new OneM2mClient(coap).sendAndWait(base(server), RequestPrimitive.builder(Operation.RETRIEVE,
                        "cse-in").from("C").requestIdentifier("late").build());
            } finally {
                release.countDown(); // before the server closes, which waits for its handlers
            }
            assertThat(response.statusCode()).isEqualTo(ResponseStatusCode.REQUEST_TIMEOUT);
            assertThat(response.requestIdentifier()).hasValue("late");
        }
    }

    @Test
    void aFailingHandlerIsAnInternalServerErrorWithItsRequestIdentifier() throws Exception {
        OneM2mRequestHandler broken = (request, coap) -> {
            throw new IllegalStateException("detail that must not leak");
        };
        try (CoapServer server = server(broken, ONEM2M);
             CoapClient coap = CoapClient.builder().config(ONEM2M).timeout(Duration.ofSeconds(5)).build()) {
            ResponsePrimitive response = new OneM2mClient(coap).sendAndWait(base(server),
                    RequestPrimitive.builder(Operation.RETRIEVE, "a/b/c").from("C").requestIdentifier("x").build());
            assertThat(response.statusCode()).isEqualTo(ResponseStatusCode.INTERNAL_SERVER_ERROR);
            assertThat(response.requestIdentifier()).hasValue("x");
            assertThat(response.contentAsString()).doesNotContain("detail");
        }
    }
}
