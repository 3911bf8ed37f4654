package io.coaps4j.cli.psk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.dtls.credentials.PskCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PskKeyFileTest {
    @TempDir
    Path dir;

    @Test
    void hexAloneWithLineBreaks() throws IOException {
        Path file = Files.writeString(dir.resolve("key.hex"), "7365637265\n74 50 53 4b\n");

        PskKeyFile read = PskKeyFile.read(file);

        assertThat(read.key().bytes()).isEqualTo("secretPSK".getBytes(StandardCharsets.US_ASCII));
        assertThat(read.identity()).isEmpty();
    }

    @Test
    void theServersGeneratedFileGivesIdentityAndKey() throws IOException {
        PskCredentials generated = new ServerPskFile(new SecureRandom()).loadOrGenerate(dir).credentials();

        PskKeyFile read = PskKeyFile.read(dir.resolve(ServerPskFile.FILE_NAME));

        assertThat(read.identity()).contains(generated.identity());
        assertThat(read.key().bytes()).isEqualTo(generated.key().bytes());
    }

    @Test
    void aPropertiesFileWithOnlyAKey() throws IOException {
        Path file = Files.writeString(dir.resolve("k.properties"), "# mine\nkey=00ff\n");

        PskKeyFile read = PskKeyFile.read(file);

        assertThat(read.key().bytes()).containsExactly(0x00, 0xff);
        assertThat(read.identity()).isEmpty();
    }

    @Test
    void somethingElseIsRefusedWithoutShowingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "my password is hunter2\n");

        assertThatThrownBy(() -> PskKeyFile.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("key file " + file + " is not hex: character 1")
                .message().doesNotContain("hunter2");
    }

    @Test
    void aLargeFileIsNotAKeyFile() throws IOException {
        Path file = Files.write(dir.resolve("big"), new byte[5000]);

        assertThatThrownBy(() -> PskKeyFile.read(file)).hasMessageEndingWith("it is not a key file");
    }

    @Test
    void aFileThatIsNotUtf8IsNamed() throws IOException {
        // Found by fuzzing (PskFilesFuzzTest#keyFiles): the decoder's "Input length = 1" named nothing.
        Path file = Files.write(dir.resolve("latin1"), new byte[] {'k', 'e', 'y', '=', '0', '0', '\n', (byte) 0xB4, '\n'});

        assertThatThrownBy(() -> PskKeyFile.read(file)).isInstanceOf(IOException.class)
                .hasMessage(file + " is not UTF-8 text");
        assertThatThrownBy(() -> ServerPskFile.read(file)).isInstanceOf(IOException.class)
                .hasMessage(file + " is not UTF-8 text");
    }

    @Test
    void aMissingFile() {
        assertThatThrownBy(() -> PskKeyFile.read(dir.resolve("absent"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void itsTextHidesTheKey() throws IOException {
        Path file = Files.writeString(dir.resolve("k"), "identity=me\nkey=73656372657450534b\n");

        assertThat(PskKeyFile.read(file).toString()).isEqualTo("PskKeyFile[me, key hidden]");
    }
}
