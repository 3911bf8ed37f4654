package io.coaps4j.dtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Bouncy Castle stays behind PublicKeyCrypto: no other package of the library names its classes. */
class BouncyCastleConfinementTest {

    @Test
    void onlyTheCryptoPackageNamesBouncyCastle() throws IOException {
        Path sources = Path.of("src/main/java");
        Path crypto = sources.resolve("io/coaps4j/dtls/crypto");
        assertThat(crypto).isDirectory();
        try (Stream<Path> files = Files.walk(sources)) {
            List<Path> offenders = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.startsWith(crypto) && !file.getFileName().toString().equals("module-info.java"))
                    .filter(BouncyCastleConfinementTest::namesBouncyCastle)
                    .toList();
            assertThat(offenders).isEmpty();
        }
    }

    private static boolean namesBouncyCastle(Path file) {
        try {
            return Files.readString(file).contains("org.bouncycastle");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
