package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.onem2m.OneM2mBinding;
import io.coaps4j.coap.onem2m.OneM2mServerAdapter;
import io.coaps4j.coap.onem2m.Operation;
import io.coaps4j.coap.onem2m.RequestPrimitive;
import io.coaps4j.coap.onem2m.ResponsePrimitive;
import io.coaps4j.coap.onem2m.ResponseStatusCode;
import io.coaps4j.coap.server.CoapServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.option.IntegerOptionDefinition;
import org.eclipse.californium.core.coap.option.MapBasedOptionRegistry;
import org.eclipse.californium.core.coap.option.OptionRegistry;
import org.eclipse.californium.core.coap.option.StandardOptionRegistry;
import org.eclipse.californium.core.coap.option.StringOptionDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Californium 3.13 client, with the oneM2M options of TS-0008 table 6.2.2.4.0-1 registered as Californium
 * allows custom options, sending oneM2M requests to our {@link OneM2mServerAdapter}.
 */
class CaliforniumOneM2mClientToOurServerTest {
    private static final StringOptionDefinition FR = new StringOptionDefinition(279, "oneM2M-FR", true, 0, 255);
    private static final StringOptionDefinition RQI = new StringOptionDefinition(283, "oneM2M-RQI", true, 0, 255);
    private static final StringOptionDefinition RVI = new StringOptionDefinition(271, "oneM2M-RVI", true, 1, 2);
    private static final IntegerOptionDefinition TY = new IntegerOptionDefinition(267, "oneM2M-TY", true, 0, 2);
    private static final IntegerOptionDefinition RSC = new IntegerOptionDefinition(307, "oneM2M-RSC", true, 0, 2);
    private static OptionRegistry previous;

    private final List<RequestPrimitive> received = new CopyOnWriteArrayList<>();
    private CoapServer server;
    private CoapClient client;

    @BeforeAll
    static void registerOneM2mOptionsInCalifornium() {
        previous = StandardOptionRegistry.setDefaultOptionRegistry(
                new MapBasedOptionRegistry(StandardOptionRegistry.getDefaultOptionRegistry(), FR, RQI, RVI, TY, RSC));
    }

    @AfterAll
    static void restore() {
        StandardOptionRegistry.setDefaultOptionRegistry(previous);
    }

    @BeforeEach
    void start() {
        OneM2mServerAdapter cse = new OneM2mServerAdapter((request, coap) -> {
            received.add(request);
            if (request.operation() == Operation.CREATE) {
                return ResponsePrimitive.answering(request, ResponseStatusCode.CREATED).location("cse-in/ae1")
                        .content("{\"m2m:ae\":{\"rn\":\"ae1\"}}", 10001).build();
            }
            return ResponsePrimitive.answering(request, ResponseStatusCode.ORIGINATOR_HAS_NO_PRIVILEGE).build();
        });
        CoapServer.Builder builder = CoapServer.builder().config(OneM2mBinding.config(EngineConfig.DEFAULT))
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        cse.resources(4).forEach(builder::resource);
        server = builder.build().start();
        client = CaliforniumPeers.client("coap://127.0.0.1:" + server.localAddress().getPort());
    }

    @AfterEach
    void stop() {
        client.shutdown();
        server.close();
    }

    private Request request(CoAP.Code code, String path) {
        Request request = new Request(code);
        request.setURI("coap://127.0.0.1:" + server.localAddress().getPort() + path);
        return request;
    }

    @Test
    void californiumRegistersAnAeAndReadsTheRscAndLocation() throws Exception {
        Request create = request(CoAP.Code.POST, "/cse-in");
        // Californium sends the uint in its shortest form (1 byte for 2); RFC 7252 3.2 lets us read it.
        create.getOptions().addOption(new Option(TY, 2)).addOption(new Option(RQI, "cf-1"))
                .addOption(new Option(RVI, "3")).setContentFormat(10001);
        create.setPayload("{\"m2m:ae\":{\"rn\":\"ae1\",\"api\":\"Nx\",\"rr\":false}}");

        CoapResponse response = client.advanced(create);

        assertThat(response).isNotNull();
        assertThat(response.getCode()).isEqualTo(CoAP.ResponseCode.CREATED);
        assertThat(response.getOptions().getOthers(RSC)).singleElement()
                .satisfies(o -> assertThat(o.getIntegerValue()).isEqualTo(2001));
        assertThat(response.getOptions().getOthers(RQI)).singleElement()
                .satisfies(o -> assertThat(o.getStringValue()).isEqualTo("cf-1"));
        assertThat(response.getOptions().getLocationPathString()).isEqualTo("cse-in/ae1");
        assertThat(response.getOptions().getContentFormat()).isEqualTo(10001);
        assertThat(new String(response.getPayload(), StandardCharsets.UTF_8)).contains("ae1");
        RequestPrimitive primitive = received.get(0);
        assertThat(primitive.operation()).isEqualTo(Operation.CREATE);
        assertThat(primitive.resourceType()).hasValue(2);
        assertThat(primitive.to()).isEqualTo("cse-in");
        assertThat(primitive.releaseVersion()).hasValue("3");
    }

    @Test
    void aSharedCoapCodeCarriesTheExactRscToCalifornium() throws Exception {
        Request retrieve = request(CoAP.Code.GET, "/~/CSE178/cse-in");
        retrieve.getOptions().addOption(new Option(FR, "Cx")).addOption(new Option(RQI, "cf-2"));

        CoapResponse response = client.advanced(retrieve);

        assertThat(response.getCode()).isEqualTo(CoAP.ResponseCode.FORBIDDEN);
        assertThat(response.getOptions().getOthers(RSC).get(0).getIntegerValue()).isEqualTo(4103);
        assertThat(received.get(0).to()).isEqualTo("/CSE178/cse-in");
    }

    @Test
    void aCreateWithoutRequestIdentifierIsABadRequestWithRsc4000() throws Exception {
        Request create = request(CoAP.Code.POST, "/cse-in");
        create.getOptions().addOption(new Option(TY, 2)).setContentFormat(50);
        create.setPayload("{}");

        CoapResponse response = client.advanced(create);

        assertThat(response.getCode()).isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
        assertThat(response.getOptions().getOthers(RSC).get(0).getIntegerValue()).isEqualTo(4000);
        assertThat(response.getResponseText()).contains("Request Identifier");
        assertThat(received).isEmpty();
    }
}
