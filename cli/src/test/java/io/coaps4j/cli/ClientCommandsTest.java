package io.coaps4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every client command against a real {@code coaps4j server} in this JVM. */
class ClientCommandsTest {
    @TempDir
    static Path dataDir;

    @TempDir
    Path files;

    private static ServerRun server;

    @BeforeAll
    static void startServer() throws InterruptedException {
        server = ServerRun.start(dataDir);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void getPrintsThePayloadOnStdoutAndTheCodeOnStderr() {
        CliRun run = CliRun.of("get", server.uri("/hello"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).isEqualTo("Hello, world");
        assertThat(run.stderr()).isEqualTo("2.05 Content\n");
    }

    @Test
    void timeIsTheCurrentInstant() {
        Instant before = Instant.now().minusSeconds(1);

        CliRun run = CliRun.of("get", server.uri("/time"));

        Instant served = Instant.parse(run.stdout());
        assertThat(served).isBetween(before, Instant.now().plusSeconds(1));
    }

    @Test
    void aNonConfirmableGetWorksToo() {
        CliRun run = CliRun.of("get", "--non", server.uri("/hello"));

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout()).isEqualTo("Hello, world");
    }

    @Test
    void putCreatesThenChangesAndGetReturnsTheLatest() {
        String uri = server.uri("/store/put-test");

        CliRun first = CliRun.of("put", uri, "--payload", "one", "--content-format", "text/plain");
        CliRun second = CliRun.of("put", uri, "--payload", "two");
        CliRun get = CliRun.of("get", uri);

        assertThat(first.stderr()).isEqualTo("2.01 Created\n");
        assertThat(first.exitCode()).isZero();
        assertThat(second.stderr()).isEqualTo("2.04 Changed\n");
        assertThat(get.stdout()).isEqualTo("two");
    }

    @Test
    void postStoresLikePut() {
        String uri = server.uri("/store/post-test");

        assertThat(CliRun.of("post", uri, "--payload", "p").stderr()).isEqualTo("2.01 Created\n");
        assertThat(CliRun.of("post", uri, "--payload", "q").stderr()).isEqualTo("2.04 Changed\n");
        assertThat(CliRun.of("get", uri).stdout()).isEqualTo("q");
    }

    @Test
    void aPayloadFileTravelsByteForByte() throws Exception {
        byte[] binary = new byte[300];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 7);
        }
        Path file = Files.write(files.resolve("blob.bin"), binary);
        String uri = server.uri("/store/blob");

        CliRun put = CliRun.of("put", uri, "--payload-file", file.toString(), "--content-format", "42");
        CliRun get = CliRun.of("get", uri);

        assertThat(put.exitCode()).as("%s", put).isZero();
        assertThat(get.stdoutBytes()).isEqualTo(binary);
    }

    @Test
    void bodiesLargerThanOneMessageMoveBlockWiseInTheBlockSizeAsked() throws Exception {
        byte[] large = new byte[100_000];
        new java.util.Random(5).nextBytes(large);
        Path file = Files.write(files.resolve("large.bin"), large);
        String uri = server.uri("/store/large");

        CliRun put = CliRun.of("put", uri, "--payload-file", file.toString(), "--content-format", "42");
        CliRun get = CliRun.of("get", "--block-size", "64", uri);
        CliRun post = CliRun.of("post", "--block-size", "256", uri, "--payload-file", file.toString());

        assertThat(put.exitCode()).as("%s", put).isZero();
        assertThat(get.exitCode()).as("%s", get).isZero();
        assertThat(get.stdoutBytes()).isEqualTo(large);
        assertThat(post.exitCode()).as("%s", post).isZero();
    }

    @Test
    void aBlockSizeThatIsNoPowerOfTwoFrom16To1024IsAUsageError() {
        CliRun run = CliRun.of("get", "--block-size", "100", server.uri("/hello"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).contains("--block-size").contains("16 to 1024");
    }

    @Test
    void deleteRemovesAndAnAbsentEntryIsA404WithExitStatus4() {
        String uri = server.uri("/store/delete-test");
        CliRun.of("put", uri, "--payload", "x");

        CliRun delete = CliRun.of("delete", uri);
        CliRun get = CliRun.of("get", uri);
        CliRun deleteAgain = CliRun.of("delete", uri);

        assertThat(delete.exitCode()).isZero();
        assertThat(delete.stderr()).isEqualTo("2.02 Deleted\n");
        assertThat(get.exitCode()).isEqualTo(ExitCodes.CLIENT_ERROR_RESPONSE);
        assertThat(get.stderr()).isEqualTo("4.04 Not Found\n");
        assertThat(deleteAgain.exitCode()).isEqualTo(ExitCodes.CLIENT_ERROR_RESPONSE);
    }

    @Test
    void namesThatWouldLeaveTheDataFolderAreBadRequests() {
        CliRun dotDot = CliRun.of("put", server.uri("/store/%2E%2E"), "--payload", "escape");
        CliRun slash = CliRun.of("put", server.uri("/store/..%2Fescape"), "--payload", "escape");
        CliRun hidden = CliRun.of("get", server.uri("/store/.hidden"));

        for (CliRun run : new CliRun[] {dotDot, slash, hidden}) {
            assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.CLIENT_ERROR_RESPONSE);
            assertThat(run.stderr()).isEqualTo("4.00 Bad Request\n");
            assertThat(run.stdout()).contains("may hold only letters, digits");
        }
        assertThat(dataDir.getParent().resolve("escape.entry")).doesNotExist();
    }

    @Test
    void aStorageFailureIsA500WithExitStatus5() throws Exception {
        Files.writeString(dataDir.resolve("corrupt.entry"), "not a store entry");

        CliRun run = CliRun.of("get", server.uri("/store/corrupt"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.SERVER_ERROR_RESPONSE);
        assertThat(run.stderr()).isEqualTo("5.00 Internal Server Error\n");
        CliRun discover = CliRun.of("discover", server.uri(""));
        assertThat(discover.exitCode()).as("one damaged entry must not break discovery: %s", discover).isZero();
        assertThat(discover.stdout().lines()).contains("</store/corrupt>", "</hello>;ct=0;title=\"Hello\"");
    }

    @Test
    void anUnknownPathIs404AndAnUnsupportedMethodIs405() {
        assertThat(CliRun.of("get", server.uri("/nowhere")).stderr()).isEqualTo("4.04 Not Found\n");
        CliRun deleteHello = CliRun.of("delete", server.uri("/hello"));
        assertThat(deleteHello.stderr()).isEqualTo("4.05 Method Not Allowed\n");
        assertThat(deleteHello.exitCode()).isEqualTo(ExitCodes.CLIENT_ERROR_RESPONSE);
    }

    @Test
    void discoverListsOneLinkPerLineIncludingStoredEntriesWithTheirContentFormat() {
        CliRun.of("put", server.uri("/store/discovered"), "--payload", "{}", "--content-format", "application/json");

        CliRun run = CliRun.of("discover", server.uri(""));

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.stdout().lines()).contains(
                "</hello>;ct=0;title=\"Hello\"",
                "</time>;ct=0;title=\"Current time (UTC, ISO 8601)\"",
                "</store/discovered>;ct=50");
        assertThat(run.stderr()).isEqualTo("2.05 Content\n");
    }

    @Test
    void discoverPassesTheQueryAsAFilter() {
        CliRun run = CliRun.of("discover", server.uri("?title=Hello"));

        assertThat(run.stdout()).isEqualTo("</hello>;ct=0;title=\"Hello\"\n");
    }

    @Test
    void noResponseWithinTheTimeoutExitsWith3() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            long start = System.nanoTime();

            CliRun run = CliRun.of("get", "--timeout", "0.5", "coap://127.0.0.1:" + silent.getLocalPort() + "/hello");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(run.exitCode()).isEqualTo(ExitCodes.TIMEOUT);
            assertThat(run.stderr()).isEqualTo("coaps4j: no response from coap://127.0.0.1:" + silent.getLocalPort()
                    + "/hello within 0.5 s\n");
            assertThat(run.stdout()).isEmpty();
        }
    }

    @Test
    void anUnknownHostIsAOneLineFailure() {
        CliRun run = CliRun.of("get", "--timeout", "5", "coap://no-such-host.invalid/hello");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.stderr()).isEqualTo("coaps4j: unknown host in coap://no-such-host.invalid/hello\n");
    }
}
