package io.coaps4j.coaps;

import static io.coaps4j.coaps.Fixtures.KEY;
import static io.coaps4j.coaps.Fixtures.connector;
import static io.coaps4j.coaps.Fixtures.uri;
import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.ContentFormat;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * DTLS role and CoAP role are independent (TS-0008 clause 7, editor's note): a device that only
 * ever acts as DTLS client serves the requests the DTLS server sends it over that very session.
 */
class RoleIndependenceTest {

    @Test
    void theDtlsServerSendsRequestsOverTheSessionTheDeviceOpened() {
        List<String> ledCommands = new CopyOnWriteArrayList<>();
        List<Boolean> ledSecure = new CopyOnWriteArrayList<>();
        try (CoapServer dataCentre = CoapServer.builder().connector(connector("device-1", KEY).build())
                .resource(Resource.builder("data").put(request -> CoapResponse.of(Code.CHANGED)).build())
                .build().start();
             CoapServer device = CoapServer.builder().connector(connector("device-1", KEY).build())
                     .resource(Resource.builder("led").requireAuthentication().put(request -> {
                         ledCommands.add(request.payloadAsString());
                         ledSecure.add(request.peer().secure());
                         return CoapResponse.of(Code.CHANGED);
                     }).build())
                     .build().start();
             CoapClient deviceAsClient = CoapClient.builder().endpoint(device.endpoint())
                     .timeout(Duration.ofSeconds(10)).build();
             CoapClient dataCentreAsClient = CoapClient.builder().endpoint(dataCentre.endpoint())
                     .timeout(Duration.ofSeconds(10)).build()) {
            byte[] reading = "21.5".getBytes(StandardCharsets.UTF_8);
            // The device opens the session: it is the DTLS client.
            assertThat(deviceAsClient.put(uri(dataCentre.localAddress(), "/data"), reading, ContentFormat.TEXT_PLAIN.number())
                    .code()).isEqualTo(Code.CHANGED);

            // The data centre, DTLS server of that session, is now the CoAP client.
            CoapResponse response = dataCentreAsClient.put(uri(device.localAddress(), "/led"),
                    "on".getBytes(StandardCharsets.UTF_8), ContentFormat.TEXT_PLAIN.number());

            assertThat(response.code()).isEqualTo(Code.CHANGED);
            assertThat(ledCommands).containsExactly("on");
            assertThat(ledSecure).containsExactly(true);
            CoapsMetrics deviceMetrics = ((DtlsConnector) device.endpoint().connector()).metrics();
            CoapsMetrics centreMetrics = ((DtlsConnector) dataCentre.endpoint().connector()).metrics();
            assertThat(deviceMetrics.clientSessions()).isEqualTo(1);
            assertThat(deviceMetrics.serverSessions()).as("the device never acted as DTLS server").isZero();
            assertThat(deviceMetrics.handshakesSucceeded()).as("one session carried both directions").isEqualTo(1);
            assertThat(centreMetrics.serverSessions()).isEqualTo(1);
            assertThat(centreMetrics.clientSessions()).isZero();
            assertThat(centreMetrics.handshakesSucceeded()).isEqualTo(1);
        }
    }
}
