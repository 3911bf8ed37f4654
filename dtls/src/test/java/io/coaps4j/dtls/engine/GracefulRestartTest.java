package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.credentials.PskIdentity;
import io.coaps4j.dtls.credentials.PskPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.coaps4j.dtls.engine.Fixture.CLIENT;
import static io.coaps4j.dtls.engine.Fixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Graceful restart (issue 9 item 4): a server's sessions exported, sealed, and imported by its successor. */
class GracefulRestartTest {
    private static final InetSocketAddress SECOND = VirtualNetwork.address("10.0.0.3", 40001);
    private static final byte[] SEALING_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private final DtlsConfig config = Fixture.config(InMemoryPskStore.builder().add("client-1", KEY).build(), b -> { });

    /** Two clients with sessions on a first server, which then exports them. */
    private final class Before {
        final DtlsServer server = Fixture.server(config);
        final VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        final DtlsConnection first = DtlsConnection.client(config, Fixture.crypto(2), new DtlsMetrics(),
                VirtualNetwork.SERVER, Optional.empty());
        final DtlsConnection second = DtlsConnection.client(config, Fixture.crypto(3), new DtlsMetrics(),
                VirtualNetwork.SERVER, Optional.empty());

        Before() {
            network.start(CLIENT, first);
            network.start(SECOND, second);
            network.run();
            assertThat(server.sessionCount()).isEqualTo(2);
            // Some traffic both ways, so that sequence numbers and replay windows have moved.
            for (int i = 0; i < 3; i++) {
                network.clientOutput(CLIENT, first.send(("before " + i).getBytes(StandardCharsets.US_ASCII), network.now));
                network.serverOutput(server.send(CLIENT, "reply".getBytes(StandardCharsets.US_ASCII), network.now));
                network.run();
            }
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Test
    void theNewServerServesTheExportedSessionsWithNoHandshake() throws Exception {
        Before before = new Before();
        byte[] export = before.server.exportSessions(SEALING_KEY);
        assertThat(before.server.metrics().sessionsExported()).isEqualTo(2);
        long lastWrite = before.server.established(CLIENT).recordLayer().writeAssociation().nextWriteSequence();

        DtlsServer after = new DtlsServer(config, Fixture.crypto(9), new DtlsMetrics(), 0);
        assertThat(after.importSessions(export, SEALING_KEY, 0)).isEqualTo(2);
        assertThat(after.metrics().sessionsImported()).isEqualTo(2);
        assertThat(after.session(CLIENT).orElseThrow().peerPrincipal())
                .isEqualTo(new PskPrincipal(PskIdentity.of("client-1")));
        assertThat(after.established(CLIENT).recordLayer().writeAssociation().nextWriteSequence())
                .as("sequence numbers skip ahead by the documented margin")
                .isEqualTo(lastWrite + SessionExport.SEQUENCE_MARGIN);

        // The connection IDs came along (RFC 9146, on by default): the client writes tls12_cid records.
        byte[] cidBefore = before.server.established(CLIENT).recordLayer().readAssociation().readConnectionId()
                .orElseThrow();
        assertThat(after.established(CLIENT).recordLayer().readAssociation().readConnectionId()).hasValueSatisfying(
                cid -> assertThat(cid).isEqualTo(cidBefore));
        // The client goes on in its session: its record is accepted and answered, no handshake.
        DtlsServer.Result received = after.receive(CLIENT,
                before.first.send("after".getBytes(StandardCharsets.US_ASCII), 1).datagrams().get(0), 1);
        assertThat(received.events()).singleElement().satisfies(e ->
                assertThat(text(((DtlsEvent.ApplicationData) e.event()).data())).isEqualTo("after"));
        DtlsServer.Result reply = after.send(CLIENT, "welcome back".getBytes(StandardCharsets.US_ASCII), 1);
        DtlsResult atClient = before.first.receive(reply.datagrams().get(0).datagram(), 1);
        assertThat(atClient.events()).singleElement().satisfies(e ->
                assertThat(text(((DtlsEvent.ApplicationData) e).data())).isEqualTo("welcome back"));
        assertThat(after.metrics().handshakesSucceeded()).isZero();
        assertThat(after.metrics().helloVerifyRequestsSent()).isZero();
    }

    @Test
    void aRecordReplayedFromBeforeTheRestartIsStillRefused() throws Exception {
        Before before = new Before();
        byte[] old = before.first.send("once".getBytes(StandardCharsets.US_ASCII), 1).datagrams().get(0);
        assertThat(before.server.receive(CLIENT, old, 1).events()).hasSize(1);
        DtlsServer after = new DtlsServer(config, Fixture.crypto(9), new DtlsMetrics(), 0);
        after.importSessions(before.server.exportSessions(SEALING_KEY), SEALING_KEY, 2);
        assertThat(after.receive(CLIENT, old, 2).events()).as("the replay window came along").isEmpty();
    }

    @Test
    void aTamperedTruncatedForeignOrAlienExportIsRejectedWithAClearErrorAndTakesNothing() {
        byte[] export = new Before().server.exportSessions(SEALING_KEY);
        DtlsServer after = new DtlsServer(config, Fixture.crypto(9), new DtlsMetrics(), 0);

        byte[] tampered = export.clone();
        tampered[tampered.length / 2] ^= 1;
        assertThatThrownBy(() -> after.importSessions(tampered, SEALING_KEY, 0))
                .isInstanceOf(SessionImportException.class).hasMessageContaining("tampered");
        assertThatThrownBy(() -> after.importSessions(Arrays.copyOf(export, export.length - 7), SEALING_KEY, 0))
                .isInstanceOf(SessionImportException.class).hasMessageContaining("truncated");
        byte[] otherKey = SEALING_KEY.clone();
        otherKey[0] ^= 1;
        assertThatThrownBy(() -> after.importSessions(export, otherKey, 0))
                .isInstanceOf(SessionImportException.class).hasMessageContaining("another key");
        assertThatThrownBy(() -> after.importSessions("hello".getBytes(StandardCharsets.US_ASCII), SEALING_KEY, 0))
                .isInstanceOf(SessionImportException.class).hasMessageContaining("not a coaps4j session export");
        byte[] future = export.clone();
        future[4] = 2;
        assertThatThrownBy(() -> after.importSessions(future, SEALING_KEY, 0))
                .isInstanceOf(SessionImportException.class).hasMessageContaining("version 2");
        assertThat(after.sessionCount()).isZero();
        assertThat(after.metrics().sessionsImported()).isZero();
    }

    @Test
    void theExportFileIsWrittenAtomicallyForItsOwnerOnly() throws Exception {
        Path file = dir.resolve("sessions.export");
        SessionExportFile.writeAtomically(file, new byte[] {1, 2, 3});
        SessionExportFile.writeAtomically(file, new byte[] {4, 5});
        assertThat(Files.readAllBytes(file)).containsExactly(4, 5);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(dir.toFile().list()).containsExactly("sessions.export");

        Path keyFile = dir.resolve("export.key");
        byte[] key = SessionExportFile.loadOrCreateKey(keyFile);
        assertThat(key).hasSize(32);
        assertThat(SessionExportFile.loadOrCreateKey(keyFile)).isEqualTo(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    }

    @Test
    void anImportDoesNotDisplaceALiveConnection() throws Exception {
        Before before = new Before();
        byte[] export = before.server.exportSessions(SEALING_KEY);
        assertThat(before.server.importSessions(export, SEALING_KEY, 5)).isZero();
        assertThat(before.server.sessionCount()).isEqualTo(2);
    }
}
