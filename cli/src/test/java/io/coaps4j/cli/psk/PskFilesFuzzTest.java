package io.coaps4j.cli.psk;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coaps4j.dtls.credentials.PreSharedKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzz targets (Jazzer) for what the command line reads as pre-shared keys: the hex text of
 * {@code --psk-key} and the key files a user points at ({@link PskKeyFile}, {@link ServerPskFile}). Seeds in
 * {@code PskFilesFuzzTestInputs/<target>/}; {@code scripts/fuzz.sh} fuzzes.
 *
 * <p>Pass criterion: a key or the declared exception whose message names where the text came from, nothing
 * else, and no key longer than half its text.
 */
class PskFilesFuzzTest {
    private static Path file;

    @AfterAll
    static void removeFile() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    @FuzzTest
    void keyText(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            PreSharedKey key = PskKeyFormat.parse(text, "--psk-key");
            assertThat(key.bytes().length).isLessThanOrEqualTo(text.length() / 2);
        } catch (IllegalArgumentException declared) {
            assertThat(declared.getMessage()).startsWith("--psk-key ");
        }
    }

    @FuzzTest
    void keyFiles(byte[] content) throws IOException {
        if (file == null) {
            file = Files.createTempFile("fuzz", ".psk");
        }
        Files.write(file, content);
        try {
            PskKeyFile read = PskKeyFile.read(file);
            assertThat(read.key().bytes().length).isLessThanOrEqualTo(content.length / 2);
        } catch (IOException declared) {
            assertThat(declared.getMessage()).contains(file.toString());
        }
        try {
            assertThat(ServerPskFile.read(file).key().bytes().length).isLessThanOrEqualTo(content.length / 2);
        } catch (IOException declared) {
            assertThat(declared.getMessage()).contains(file.toString());
        }
    }
}
