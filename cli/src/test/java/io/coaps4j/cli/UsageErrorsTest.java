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
    void coapsNeedsAKey() {
        assertUsageError(CliRun.of("get", "coaps://127.0.0.1/hello"), "coaps:// needs a pre-shared key");
    }

    @Test
    void aPskKeyThatIsNotHex() {
        assertUsageError(CliRun.of("get", "coaps://127.0.0.1/hello", "--psk-identity", "me", "--psk-key", "secret"),
                "--psk-key is not hex: character 1 is not one of 0-9, a-f");
    }

    @Test
    void aPskKeyTooLong() {
        assertUsageError(CliRun.of("put", "coaps://127.0.0.1/store/x", "--psk-identity", "me", "--psk-key",
                "ab".repeat(65)), "--psk-key is 65 bytes long; a pre-shared key has at most 64");
    }

    @Test
    void aPskIdentityWithoutKey() {
        assertUsageError(CliRun.of("discover", "coaps://127.0.0.1", "--psk-identity", "me"),
                "--psk-identity needs a key");
    }

    @Test
    void aPskKeyAndAKeyFileTogether() {
        assertUsageError(CliRun.of("delete", "coaps://127.0.0.1/store/x", "--psk-identity", "me", "--psk-key", "00",
                "--psk-key-file", "f"), "mutually exclusive");
    }

    @Test
    void aConnectionIdLengthOutOfRange() {
        assertUsageError(CliRun.of("get", "coaps://127.0.0.1/x", "--psk-identity", "me", "--psk-key", "00",
                "--cid-length", "256"), "--cid-length: connection ID length must be 0..255");
    }

    @Test
    void serverCoapsPortOutOfRange() {
        assertUsageError(CliRun.of("server", "--port", "0", "--coaps-port", "65536"), "--coaps-port must be 0..65535");
    }

    @Test
    void serverCoapAndCoapsOnOnePort() {
        assertUsageError(CliRun.of("server", "--port", "5999", "--coaps-port", "5999"),
                "coap and coaps cannot share UDP port 5999");
    }

    @Test
    void serverNoCoapsWithCoapsOptions() {
        assertUsageError(CliRun.of("server", "--port", "0", "--no-coaps", "--coaps-port", "0"),
                "--no-coaps cannot be combined with --coaps-port");
        assertUsageError(CliRun.of("server", "--port", "0", "--no-coaps", "--psk-identity", "me", "--psk-key", "00"),
                "--no-coaps cannot be combined with --psk-identity, --psk-key");
    }

    @Test
    void serverPskKeyWithoutIdentity() {
        assertUsageError(CliRun.of("server", "--port", "0", "--coaps-port", "0", "--psk-key", "00"),
                "--psk-key needs an identity");
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
    @ValueSource(strings = {"server", "get", "post", "put", "delete", "discover", "onem2m"})
    void everyCommandHasHelp(String command) {
        CliRun run = CliRun.of(command, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).startsWith("Usage: coaps4j " + command);
        assertThat(run.stdout()).as("the keep-alive switch").contains("--heartbeat=SECONDS").contains("RFC 6520");
        assertThat(run.stdout()).as("the resumption switch").contains("--no-resumption");
    }

    @Test
    void heartbeatNeedsAtLeastOneSecond() {
        assertUsageError(CliRun.of("get", "coaps://127.0.0.1/x", "--heartbeat", "0.5"), "must be 1 to 86400 seconds");
        assertUsageError(CliRun.of("server", "--port", "0", "--heartbeat", "soon"), "'soon' is not a number of seconds");
    }

    @Test
    void heartbeatIsForCoapsSessions() {
        assertUsageError(CliRun.of("get", "coap://127.0.0.1/x", "--heartbeat", "5"),
                "--heartbeat checks coaps:// sessions");
    }

    @Test
    void topLevelHelpListsTheCommandsAndExitStatuses() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("server", "get", "post", "put", "delete", "discover", "onem2m")
                .contains("3  no response within the timeout");
    }
}
