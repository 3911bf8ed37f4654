package io.coaps4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.onem2m.OneM2mBinding;
import io.coaps4j.coap.onem2m.OneM2mServerAdapter;
import io.coaps4j.coap.onem2m.RequestPrimitive;
import io.coaps4j.coap.onem2m.ResponsePrimitive;
import io.coaps4j.coap.onem2m.ResponseStatusCode;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coaps.DtlsConnector;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code coaps4j onem2m} against a oneM2M adapter of ours in this JVM, over coap and coaps with a PSK. */
class OneM2mCommandTest {
    private static final byte[] KEY = "onem2m-cli-test-key-0123".getBytes(StandardCharsets.US_ASCII);
    private static final List<RequestPrimitive> RECEIVED = new CopyOnWriteArrayList<>();
    private static CoapServer server;

    @BeforeAll
    static void start() {
        OneM2mServerAdapter cse = new OneM2mServerAdapter((request, coap) -> {
            RECEIVED.add(request);
            return switch (request.operation()) {
                case CREATE -> ResponsePrimitive.answering(request, ResponseStatusCode.CREATED).location("cse-in/ae1")
                        .content("{\"m2m:ae\":{\"aei\":\"Cae1\"}}", 50).build();
                case RETRIEVE -> request.to().equals("cse-in")
                        ? ResponsePrimitive.answering(request, ResponseStatusCode.OK).content("{\"m2m:cb\":{}}", 50).build()
                        : ResponsePrimitive.answering(request, ResponseStatusCode.NOT_FOUND).build();
                default -> ResponsePrimitive.answering(request, 4105).build();
            };
        });
        DtlsConnector dtls = DtlsConnector.builder().bind(new InetSocketAddress("127.0.0.1", 0))
                .psk(InMemoryPskStore.builder().add("cli-device", KEY).build()).build();
        CoapServer.Builder builder = CoapServer.builder().config(OneM2mBinding.config(EngineConfig.DEFAULT))
                .bind(new InetSocketAddress("127.0.0.1", 0)).connector(dtls);
        cse.resources(4).forEach(builder::resource);
        server = builder.build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String coap() {
        return "coap://127.0.0.1:" + server.endpoint("coap").orElseThrow().localAddress().getPort();
    }

    private static String coaps() {
        return "coaps://127.0.0.1:" + server.endpoint("coaps").orElseThrow().localAddress().getPort();
    }

    @Test
    void retrieveOverCoapPrintsContentAndRsc() {
        CliRun run = CliRun.of("onem2m", coap(), "--op", "retrieve", "--to", "cse-in", "--from", "Cae1", "--rqi", "r-1",
                "--query", "rcn=1");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout()).isEqualTo("{\"m2m:cb\":{}}");
        assertThat(run.stderr()).startsWith("RSC 2000 OK (CoAP 2.05 Content)\nrqi: r-1\nrvi: 3\n");
        assertThat(RECEIVED.get(RECEIVED.size() - 1).query("rcn")).containsExactly("1");
    }

    @Test
    void createOverCoapsWithAPskRegistersAnAe() {
        CliRun run = CliRun.of("onem2m", coaps(), "--psk-identity", "cli-device", "--psk-key",
                HexFormat.of().formatHex(KEY), "--op", "create", "--to", "cse-in", "--ty", "2", "--rvi", "4",
                "--payload", "{\"m2m:ae\":{\"rn\":\"ae1\"}}", "--content-format", "application/vnd.onem2m-res+json");

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stderr()).contains("RSC 2001 CREATED (CoAP 2.01 Created)", "rvi: 4", "location: cse-in/ae1");
        RequestPrimitive received = RECEIVED.get(RECEIVED.size() - 1);
        assertThat(received.resourceType()).hasValue(2);
        assertThat(received.from()).isEmpty();
        assertThat(received.contentFormat()).hasValue(10001);
    }

    @Test
    void anErrorRscSetsTheExitStatusOfItsCoapClass() {
        CliRun notFound = CliRun.of("onem2m", coap(), "--op", "retrieve", "--to", "/CSE1/cse-in/none", "--from", "C");
        assertThat(notFound.exitCode()).isEqualTo(ExitCodes.CLIENT_ERROR_RESPONSE);
        assertThat(notFound.stderr()).startsWith("RSC 4004 NOT_FOUND (CoAP 4.04 Not Found)");

        CliRun conflict = CliRun.of("onem2m", coap(), "--op", "delete", "--to", "cse-in/ae1", "--from", "C");
        assertThat(conflict.stderr()).startsWith("RSC 4105 CONFLICT (CoAP 4.03 Forbidden)");
    }

    @Test
    void aMissingMandatoryParameterIsAUsageError() {
        CliRun run = CliRun.of("onem2m", coap(), "--op", "update", "--to", "cse-in", "--from", "C");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).contains("Content of an UPDATE is missing");

        CliRun badOp = CliRun.of("onem2m", coap(), "--op", "fetch", "--to", "cse-in", "--from", "C");
        assertThat(badOp.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badOp.stderr()).contains("unknown oneM2M operation 'fetch'");
    }
}
