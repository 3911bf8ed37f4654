package io.coaps4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad command lines exit with status 2 and say what is wrong in one line, without a stack trace. */
class UsageErrorsTest {

    private static void assertUsageError(CliRun run, String expectedMessagePart) {
        assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.USAGE);
        String firstLine = run.stderr().lines().findFirst().orElse("");
        assertThat(firstLine).startsWith("coaps4j: ").contains(expectedMessagePart);
        assertThat(run.stderr()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void noCommand() {
        assertUsageError(CliRun.of(), "a command is required");
    }

    @Test
    void unknownCommand() {
        assertUsageError(CliRun.of("fetch", "coap://127.0.0.1/"), "Unmatched argument");
    }

    @Test
    void unknownOption() {
        assertUsageError(CliRun.of("get", "--bogus", "coap://127.0.0.1/"), "Unknown option: '--bogus'");
    }

    @Test
    void missingUri() {
        assertUsageError(CliRun.of("get"), "Missing required parameter: 'URI'");
    }

    @Test
    void notACoapUri() {
        assertUsageError(CliRun.of("get", "http://127.0.0.1/hello"), "invalid URI: scheme must be coap or coaps");
    }

    @Test
    void relativeUri() {
        assertUsageError(CliRun.of("get", "/hello"), "invalid URI");
    }

    @Test
    void coapsIsNotAvailableYet() {
        assertUsageError(CliRun.of("get", "coaps://127.0.0.1/hello"), "coaps:// (CoAP over DTLS) is not available");
    }

    @Test
    void payloadAndPayloadFileTogether() {
        assertUsageError(CliRun.of("put", "coap://127.0.0.1/store/x", "--payload", "a", "--payload-file", "f"),
                "mutually exclusive");
    }

    @Test
    void missingPayloadFile() {
        assertUsageError(CliRun.of("put", "coap://127.0.0.1/store/x", "--payload-file", "/nonexistent/file"),
                "payload file /nonexistent/file does not exist");
    }

    @Test
    void unknownContentFormat() {
        assertUsageError(CliRun.of("put", "coap://127.0.0.1/store/x", "--payload", "a", "--content-format", "image/png"),
                "unknown content format 'image/png'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3", "soon"})
    void badTimeout(String timeout) {
        assertUsageError(CliRun.of("get", "--timeout", timeout, "coap://127.0.0.1/hello"), "--timeout");
    }

    @Test
    void payloadOnGetIsNotAnOption() {
        assertUsageError(CliRun.of("get", "--payload", "x", "coap://127.0.0.1/hello"), "Unknown options: '--payload'");
    }

    @Test
    void serverPortOutOfRange() {
        assertUsageError(CliRun.of("server", "--port", "70000"), "--port must be 0..65535");
    }

    @Test
    void serverUnknownBindAddress() {
        assertUsageError(CliRun.of("server", "--bind", "no-such-host.invalid", "--port", "0"),
                "--bind: unknown address 'no-such-host.invalid'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"server", "get", "post", "put", "delete", "discover"})
    void everyCommandHasHelp(String command) {
        CliRun run = CliRun.of(command, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).startsWith("Usage: coaps4j " + command);
    }

    @Test
    void topLevelHelpListsTheCommandsAndExitStatuses() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("server", "get", "post", "put", "delete", "discover")
                .contains("3  no response within the timeout");
    }
}
