package io.coaps4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code coaps4j onem2m} against {@code coaps4j server}'s in-memory CSE, in every security mode:
 * plain coap, coaps with the generated pre-shared key, with a raw public key, and with certificates.
 */
class OneM2mServerCommandTest {
    @TempDir
    static Path dataDir;
    private static ServerRun server;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerRun.start(dataDir);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    private static String data(String name) {
        return dataDir.toAbsolutePath().resolve(name).toString();
    }

    /** The target URI and credentials of {@code mode}. */
    private static List<String> target(String mode) {
        return switch (mode) {
            case "coap" -> List.of(server.uri(""));
            case "psk" -> List.of(server.coapsUri(""), "--psk-key-file", data("psk.properties"));
            case "rpk" -> List.of(server.coapsUri(""), "--key", data("client-rpk-key.pem"), "--trust",
                    data("rpk-pub.pem"));
            case "x509" -> List.of("coaps://localhost:" + server.coapsPort(), "--cert", data("client-cert.pem"),
                    "--key", data("client-key.pem"), "--trust", data("ca.pem"));
            default -> throw new IllegalArgumentException(mode);
        };
    }

    private static CliRun onem2m(String mode, String... args) {
        List<String> all = new ArrayList<>(List.of("onem2m"));
        all.addAll(target(mode));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"coap", "psk", "rpk", "x509"})
    void createRetrieveUpdateDeleteAnAe(String mode) {
        String ae = "ae-" + mode;
        CliRun base = onem2m(mode, "--op", "retrieve", "--to", "/id-in", "--from", "C" + mode, "--rqi", "b-1");
        assertThat(base.exitCode()).as("%s", base).isZero();
        assertThat(base.stdout()).contains("\"m2m:cb\"", "\"csi\":\"/id-in\"");
        assertThat(base.stderr()).startsWith("RSC 2000 OK");

        CliRun create = onem2m(mode, "--op", "create", "--to", "cse-in", "--from", "C" + mode, "--ty", "2",
                "--payload", "{\"m2m:ae\":{\"rn\":\"" + ae + "\",\"api\":\"Napp\",\"rr\":false}}",
                "--content-format", "application/vnd.onem2m-res+json");
        assertThat(create.exitCode()).as("%s", create).isZero();
        assertThat(create.stderr()).contains("RSC 2001 CREATED", "location: cse-in/" + ae);

        CliRun again = onem2m(mode, "--op", "create", "--to", "cse-in", "--from", "C" + mode, "--ty", "2",
                "--payload", "{\"m2m:ae\":{\"rn\":\"" + ae + "\"}}", "--content-format",
                "application/vnd.onem2m-res+json");
        assertThat(again.stderr()).as("the name is taken").startsWith("RSC 4105 CONFLICT");

        CliRun update = onem2m(mode, "--op", "update", "--to", "/id-in/cse-in/" + ae, "--from", "C" + mode,
                "--payload", "{\"m2m:ae\":{\"lbl\":[\"updated\"]}}", "--content-format",
                "application/vnd.onem2m-res+json");
        assertThat(update.exitCode()).as("%s", update).isZero();
        assertThat(update.stderr()).startsWith("RSC 2004 UPDATED");

        CliRun retrieve = onem2m(mode, "--op", "retrieve", "--to", "cse-in/" + ae, "--from", "C" + mode);
        assertThat(retrieve.exitCode()).as("%s", retrieve).isZero();
        assertThat(retrieve.stdout()).isEqualTo("{\"m2m:ae\":{\"lbl\":[\"updated\"]}}");

        CliRun delete = onem2m(mode, "--op", "delete", "--to", "cse-in/" + ae, "--from", "C" + mode);
        assertThat(delete.stderr()).as("%s", delete).startsWith("RSC 2002 DELETED");

        CliRun gone = onem2m(mode, "--op", "retrieve", "--to", "cse-in/" + ae, "--from", "C" + mode);
        assertThat(gone.exitCode()).isEqualTo(ExitCodes.CLIENT_ERROR_RESPONSE);
        assertThat(gone.stderr()).startsWith("RSC 4004 NOT_FOUND");
    }

    @Test
    void theCseBaseCannotBeDeletedAndANotifyIsAccepted() {
        String mode = "coap";
        CliRun delete = onem2m(mode, "--op", "delete", "--to", "cse-in", "--from", "C1");
        assertThat(delete.stderr()).as("%s", delete).startsWith("RSC 4005 OPERATION_NOT_ALLOWED");

        CliRun notify = onem2m(mode, "--op", "notify", "--to", "cse-in", "--from", "C1", "--payload",
                "{\"m2m:sgn\":{\"vrq\":true}}", "--content-format", "application/vnd.onem2m-ntfy+json");
        assertThat(notify.exitCode()).as("%s", notify).isZero();
        assertThat(notify.stderr()).startsWith("RSC 2000 OK");

        CliRun hello = CliRun.of("get", server.uri("/hello"));
        assertThat(hello.stdout()).as("the other resources are as they were").isEqualTo("Hello, world");
        CliRun discover = CliRun.of("discover", server.uri(""));
        assertThat(discover.stdout()).as("the CSE's routes are hidden").doesNotContain("cse-in");
    }
}
