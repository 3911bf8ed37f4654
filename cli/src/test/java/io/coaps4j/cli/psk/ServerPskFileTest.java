package io.coaps4j.cli.psk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.dtls.credentials.PskCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerPskFileTest {
    @TempDir
    Path dataDir;

    private final ServerPskFile pskFile = new ServerPskFile(new SecureRandom());

    @Test
    void theFirstStartGeneratesAnIdentityAndAPrintableKey() throws IOException {
        ServerPskFile.Outcome outcome = pskFile.loadOrGenerate(dataDir);

        assertThat(outcome.generated()).isTrue();
        assertThat(outcome.file()).isEqualTo(dataDir.toAbsolutePath().resolve("psk.properties"));
        PskCredentials credentials = outcome.credentials();
        assertThat(credentials.identity().text()).matches("coaps4j-[0-9a-f]{8}");
        byte[] key = credentials.key().bytes();
        assertThat(key).hasSize(22);
        assertThat(new String(key, StandardCharsets.US_ASCII)).matches("[0-9A-Za-z]{22}");
    }

    @Test
    void theFileIsReadableAndWritableByItsOwnerOnly() throws IOException {
        pskFile.loadOrGenerate(dataDir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("psk.properties"))))
                .isEqualTo("rw-------");
    }

    @Test
    void laterStartsReuseTheSameCredentials() throws IOException {
        PskCredentials first = pskFile.loadOrGenerate(dataDir).credentials();

        ServerPskFile.Outcome again = new ServerPskFile(new SecureRandom()).loadOrGenerate(dataDir);

        assertThat(again.generated()).isFalse();
        assertThat(again.readableByOthers()).isFalse();
        assertThat(again.credentials().identity()).isEqualTo(first.identity());
        assertThat(again.credentials().key().bytes()).isEqualTo(first.key().bytes());
    }

    @Test
    void twoDataFoldersGetDifferentCredentials() throws IOException {
        PskCredentials a = pskFile.loadOrGenerate(dataDir.resolve("a")).credentials();
        PskCredentials b = pskFile.loadOrGenerate(dataDir.resolve("b")).credentials();

        assertThat(a.identity()).isNotEqualTo(b.identity());
        assertThat(a.key().bytes()).isNotEqualTo(b.key().bytes());
    }

    @Test
    void theFileHoldsTheIdentityAndTheKeyAsHexAndNothingIsLeftBehind() throws IOException {
        PskCredentials credentials = pskFile.loadOrGenerate(dataDir).credentials();

        String content = Files.readString(dataDir.resolve("psk.properties"));
        assertThat(content).contains("identity=" + credentials.identity().text() + "\n")
                .contains("key=" + PskKeyFormat.hex(credentials.key()) + "\n");
        assertThat(filesIn(dataDir)).containsExactly("psk.properties");
    }

    @Test
    void aFileWrittenByHandIsUsedAsItIs() throws IOException {
        Files.writeString(dataDir.resolve("psk.properties"), "identity = device-7\nkey = 0x73656372657450534B\n");

        ServerPskFile.Outcome outcome = pskFile.loadOrGenerate(dataDir);

        assertThat(outcome.generated()).isFalse();
        assertThat(outcome.credentials().identity().text()).isEqualTo("device-7");
        assertThat(outcome.credentials().key().bytes()).isEqualTo("secretPSK".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aFileOthersCanReadIsReported() throws IOException {
        Path file = Files.writeString(dataDir.resolve("psk.properties"), "identity=a\nkey=00\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(pskFile.loadOrGenerate(dataDir).readableByOthers()).isTrue();
    }

    @Test
    void aDamagedFileIsAnErrorThatNamesTheFileNotTheKey() throws IOException {
        Path file = Files.writeString(dataDir.resolve("psk.properties"), "identity=a\nkey=12345Z\n");

        assertThatThrownBy(() -> pskFile.loadOrGenerate(dataDir))
                .isInstanceOf(IOException.class)
                .hasMessage("the key in " + file.toAbsolutePath() + " is not hex: character 6 is not one of 0-9, a-f");
    }

    @Test
    void aFileWithoutIdentityIsAnError() throws IOException {
        Files.writeString(dataDir.resolve("psk.properties"), "key=0011\n");

        assertThatThrownBy(() -> pskFile.loadOrGenerate(dataDir)).hasMessageEndingWith("has no 'identity' line");
    }

    @Test
    void aLeftoverFromAnInterruptedFirstStartDoesNotStopTheNext() throws IOException {
        Files.writeString(dataDir.resolve(".psk.properties.part"), "identity=half");

        assertThat(pskFile.loadOrGenerate(dataDir).generated()).isTrue();
        assertThat(filesIn(dataDir)).containsExactly("psk.properties");
    }

    private static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
