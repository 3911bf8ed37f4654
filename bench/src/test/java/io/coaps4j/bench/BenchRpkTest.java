package io.coaps4j.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run's RawPublicKey fixture: one-file PEM key pairs that the servers (and GnuTLS) read back. */
class BenchRpkTest {
    @TempDir
    Path dir;

    @Test
    void keyFilesHoldThePrivateThenThePublicKeyAndReadBackToTheSamePairs() throws Exception {
        BenchRpk keys = BenchRpk.generate();
        keys.writeTo(dir);

        String server = Files.readString(dir.resolve(BenchRpk.SERVER_KEY));
        assertThat(server).startsWith("-----BEGIN PRIVATE KEY-----\n").contains("-----END PRIVATE KEY-----\n-----BEGIN PUBLIC KEY-----\n")
                .endsWith("-----END PUBLIC KEY-----\n");
        assertThat(server.lines().filter(line -> !line.startsWith("-----"))).allMatch(line -> line.length() <= 64);
        assertThat(Files.getPosixFilePermissions(dir.resolve(BenchRpk.CLIENT_KEY)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        BenchRpk read = BenchRpk.readFrom(dir);
        assertThat(read.serverKey().getPublic()).isEqualTo(keys.serverKey().getPublic());
        assertThat(read.clientKey().getPublic()).isEqualTo(keys.clientKey().getPublic());
    }

    @Test
    void eachSideTrustsExactlyTheOthersKey() {
        BenchRpk keys = BenchRpk.generate();
        assertThat(keys.serverCredentials().trusts(keys.clientKey().getPublic())).isTrue();
        assertThat(keys.serverCredentials().trusts(keys.serverKey().getPublic())).isFalse();
        assertThat(keys.clientCredentials().trusts(keys.serverKey().getPublic())).isTrue();
        assertThat(keys.clientCredentials().trusts(BenchRpk.generate().serverKey().getPublic())).isFalse();
    }

    @Test
    void theKeyDirectoryComesFromTheKeysArgument() {
        assertThat(BenchRpk.directoryFromArgs(new String[] {"127.0.0.1", "0", "exchange-lifetime=10", "keys=/tmp/k"}))
                .isEqualTo(Path.of("/tmp/k"));
        assertThatThrownBy(() -> BenchRpk.directoryFromArgs(new String[] {"127.0.0.1", "0"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keys=DIR");
    }
}
