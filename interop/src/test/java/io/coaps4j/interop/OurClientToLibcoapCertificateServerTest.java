package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our client ({@code coaps4j get --cert --key --trust}) against libcoap's OpenSSL server in the Certificate
 * mode: {@code coap-server-openssl -c cert -j key} with the CA given by {@code -C} (the peer's chain checked
 * against it and the CA sent as a hint) or {@code -R} (trusted roots only), which asks for our certificate;
 * every key and certificate written by {@code coaps4j keys}.
 */
class OurClientToLibcoapCertificateServerTest {
    private static final Duration START_LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"-C", "-R"})
    void ourClientWithACertificateIsServedByLibcoap(String caOption) throws Exception {
        Path server = Libcoap.opensslServer();
        keys("ca", "--out", dir.resolve("ca").toString());
        keys("cert", "--ca", dir.resolve("ca").toString(), "--out", dir.resolve("server").toString(), "--dns",
                "localhost", "--ip", "127.0.0.1");
        keys("cert", "--ca", dir.resolve("ca").toString(), "--out", dir.resolve("client").toString(), "--client");
        int port = FreePorts.udpOnLoopback();
        try (RunningProcess libcoap = RunningProcess.start(List.of(server.toString(), "-A", "127.0.0.1", "-p",
                String.valueOf(port), "-c", dir.resolve("server/cert.pem").toString(), "-j",
                dir.resolve("server/key.pem").toString(), caOption, dir.resolve("ca/ca.pem").toString()))) {
            // libcoap serves coaps on the port after its coap port.
            String uri = "coaps://localhost:" + (port + 1) + "/";
            CommandLine get = null;
            long deadline = System.nanoTime() + START_LIMIT.toNanos();
            while (System.nanoTime() < deadline && libcoap.isAlive()) { // until libcoap listens
                get = CommandLine.run("get", uri, "--cert", dir.resolve("client/cert.pem").toString(), "--key",
                        dir.resolve("client/key.pem").toString(), "--trust", dir.resolve("ca/ca.pem").toString(),
                        "--timeout", "2");
                if (get.exitCode() == 0) {
                    break;
                }
            }

            assertThat(get).as("coap-server-openssl: %s", libcoap.stderr()).isNotNull();
            assertThat(get.exitCode()).as("%s / coap-server-openssl: %s", get, libcoap.stderr()).isZero();
            assertThat(get.stdout()).contains("libcoap");
        }
    }

    private static void keys(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "keys";
        System.arraycopy(args, 0, command, 1, args.length);
        CommandLine run = CommandLine.run(command);
        assertThat(run.exitCode()).as("%s", run).isZero();
    }
}
