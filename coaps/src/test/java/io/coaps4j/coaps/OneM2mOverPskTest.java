package io.coaps4j.coaps;

import static io.coaps4j.coaps.Fixtures.KEY;
import static io.coaps4j.coaps.Fixtures.anyLoopbackPort;
import static io.coaps4j.coaps.Fixtures.connector;
import static io.coaps4j.coaps.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.onem2m.OneM2mBinding;
import io.coaps4j.coap.onem2m.OneM2mClient;
import io.coaps4j.coap.onem2m.OneM2mServerAdapter;
import io.coaps4j.coap.onem2m.Operation;
import io.coaps4j.coap.onem2m.RequestPrimitive;
import io.coaps4j.coap.onem2m.ResponsePrimitive;
import io.coaps4j.coap.onem2m.ResponseStatusCode;
import io.coaps4j.coap.server.CoapServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * oneM2M primitives between our client and our server over coaps with a pre-shared key (TS-0008 clause 7:
 * DTLS protects the primitive's parameters hop by hop) and, on the same server, over coap (NoSec).
 */
class OneM2mOverPskTest {
    private static final EngineConfig ONEM2M = OneM2mBinding.config(EngineConfig.DEFAULT);

    @Test
    void aPrimitiveRoundTripsOverCoapsAndTheHandlerSeesThePskIdentity() throws Exception {
        OneM2mServerAdapter cse = new OneM2mServerAdapter((request, coap) -> ResponsePrimitive
                .answering(request, ResponseStatusCode.OK)
                .content("{\"peer\":\"" + coap.principal().map(p -> p.getName()).orElse("none") + "\",\"from\":\""
                        + request.from().orElse("") + "\",\"secure\":" + coap.peer().secure() + "}", 50)
                .build());
        CoapServer.Builder builder = CoapServer.builder().config(ONEM2M).bind(anyLoopbackPort())
                .connector(connector("device-1", KEY).build());
        cse.resources(4).forEach(builder::resource);
        try (CoapServer server = builder.build().start();
             CoapClient secure = CoapClient.builder().config(ONEM2M)
                     .connector(DtlsConnector.client(store("device-1", KEY))).timeout(Duration.ofSeconds(10)).build();
             CoapClient plain = CoapClient.builder().config(ONEM2M).timeout(Duration.ofSeconds(5)).build()) {
            RequestPrimitive retrieve = RequestPrimitive.builder(Operation.RETRIEVE, "/CSE178/cse-in/ae1")
                    .from("Cae1").requestIdentifier("psk-1").releaseVersion("3").build();
            int coapsPort = server.endpoint("coaps").orElseThrow().localAddress().getPort();
            int coapPort = server.endpoint("coap").orElseThrow().localAddress().getPort();

            ResponsePrimitive overCoaps = new OneM2mClient(secure).sendAndWait("coaps://127.0.0.1:" + coapsPort, retrieve);
            assertThat(overCoaps.statusCode()).isEqualTo(ResponseStatusCode.OK);
            assertThat(overCoaps.requestIdentifier()).hasValue("psk-1");
            assertThat(overCoaps.releaseVersion()).hasValue("3");
            assertThat(overCoaps.contentAsString()).isEqualTo("{\"peer\":\"device-1\",\"from\":\"Cae1\",\"secure\":true}");

            ResponsePrimitive overCoap = new OneM2mClient(plain).sendAndWait("coap://127.0.0.1:" + coapPort, retrieve);
            assertThat(overCoap.contentAsString()).isEqualTo("{\"peer\":\"none\",\"from\":\"Cae1\",\"secure\":false}");
        }
    }
}
