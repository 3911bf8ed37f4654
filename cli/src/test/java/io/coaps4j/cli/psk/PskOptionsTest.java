package io.coaps4j.cli.psk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.cli.CommandFailure;
import io.coaps4j.cli.ExitCodes;
import io.coaps4j.dtls.credentials.PskCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class PskOptionsTest {
    private static final byte[] SECRET_PSK = "secretPSK".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        PskOptions psk;
    }

    private static PskOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.psk;
    }

    private static AbstractThrowableAssert<?, ?> assertUsageError(PskOptions options, String message) {
        return assertThatThrownBy(options::credentials)
                .isInstanceOf(CommandFailure.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((CommandFailure) e).exitCode()).isEqualTo(ExitCodes.USAGE));
    }

    @Test
    void nothingGivenIsNoCredentials() {
        PskOptions options = parse();

        assertThat(options.given()).isFalse();
        assertThat(options.credentials()).isEmpty();
    }

    @Test
    void identityAndHexKey() {
        PskCredentials credentials = parse("--psk-identity", "me", "--psk-key", "73656372657450534b")
                .credentials().orElseThrow();

        assertThat(credentials.identity().text()).isEqualTo("me");
        assertThat(credentials.key().bytes()).isEqualTo(SECRET_PSK);
    }

    @Test
    void identityAndKeyFile() throws Exception {
        Path file = Files.writeString(dir.resolve("key"), "73656372657450534b\n");

        PskCredentials credentials = parse("--psk-identity", "me", "--psk-key-file", file.toString())
                .credentials().orElseThrow();

        assertThat(credentials.key().bytes()).isEqualTo(SECRET_PSK);
    }

    @Test
    void aKeyFileWithAnIdentityNeedsNoIdentityOption() throws Exception {
        Path file = Files.writeString(dir.resolve("psk.properties"), "identity=from-file\nkey=73656372657450534b\n");

        assertThat(parse("--psk-key-file", file.toString()).credentials().map(c -> c.identity().text()))
                .isEqualTo(Optional.of("from-file"));
        assertThat(parse("--psk-key-file", file.toString(), "--psk-identity", "override").credentials()
                .map(c -> c.identity().text())).isEqualTo(Optional.of("override"));
    }

    @Test
    void anIdentityWithoutKey() {
        assertUsageError(parse("--psk-identity", "me"),
                "--psk-identity needs a key: add --psk-key HEX or --psk-key-file FILE");
    }

    @Test
    void aKeyWithoutIdentity() {
        assertUsageError(parse("--psk-key", "00"), "--psk-key needs an identity: add --psk-identity ID");
    }

    @Test
    void aKeyThatIsNotHexIsNotShown() {
        assertUsageError(parse("--psk-identity", "me", "--psk-key", "secretPSK"),
                "--psk-key is not hex: character 1 is not one of 0-9, a-f");
    }

    @Test
    void aKeyTooLong() {
        assertUsageError(parse("--psk-identity", "me", "--psk-key", "00".repeat(65)),
                "--psk-key is 65 bytes long; a pre-shared key has at most 64 (RFC 4279 section 5.3)");
    }

    @Test
    void anIdentityTooLong() {
        assertUsageError(parse("--psk-identity", "x".repeat(129), "--psk-key", "00"),
                "--psk-identity: PSK identity must be at most 128 UTF-8 bytes (RFC 4279 section 5.3), was 129");
    }

    @Test
    void aMissingKeyFile() {
        Path absent = dir.resolve("absent");

        assertUsageError(parse("--psk-identity", "me", "--psk-key-file", absent.toString()),
                "--psk-key-file " + absent + " does not exist");
    }

    @Test
    void keyAndKeyFileTogetherAreRefusedByTheParser() {
        assertThatThrownBy(() -> parse("--psk-key", "00", "--psk-key-file", "f"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("mutually exclusive");
    }

    @Test
    void theGivenOptionNamesForMessages() {
        assertThat(parse("--psk-identity", "me", "--psk-key", "00").givenNames()).isEqualTo("--psk-identity, --psk-key");
        assertThat(parse("--psk-key-file", "f").givenNames()).isEqualTo("--psk-key-file");
    }
}
