package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.config.InsecureKeyLog;
import io.coaps4j.dtls.credentials.InMemoryPskStore;
import io.coaps4j.dtls.handshake.message.ClientHello;
import io.coaps4j.dtls.handshake.message.HandshakeFragment;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static io.coaps4j.dtls.engine.Fixture.CLIENT;
import static io.coaps4j.dtls.engine.Fixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** The insecure NSS key log: one CLIENT_RANDOM line per completed handshake, on both sides, never by default. */
class InsecureKeyLogTest {
    private static final InetSocketAddress SECOND = VirtualNetwork.address("10.0.0.3", 40001);

    private static DtlsConfig psk(InsecureKeyLog keyLog) {
        return Fixture.config(InMemoryPskStore.builder().add("client-1", KEY).build(), b -> b.insecureKeyLog(keyLog));
    }

    /** The random of the first ClientHello {@code from} sent. */
    private static String clientHelloRandom(VirtualNetwork network, InetSocketAddress from) throws Exception {
        for (VirtualNetwork.Packet packet : network.delivered) {
            if (!packet.from().equals(from)) {
                continue;
            }
            for (Record record : Wire.records(packet.bytes())) {
                if (record.type() == ContentType.HANDSHAKE && record.epoch() == 0) {
                    HandshakeFragment fragment = Wire.onlyFragment(record);
                    if (fragment.type() == HandshakeType.CLIENT_HELLO.code()) {
                        return HexFormat.of().formatHex(ClientHello.decode(fragment.fragmentBytes()).random());
                    }
                }
            }
        }
        throw new AssertionError("no ClientHello from " + from);
    }

    @Test
    void bothSidesLogTheSameLineWithTheClientHelloRandomAndAResumptionLogsItsOwnRandom() throws Exception {
        List<String> serverLines = new ArrayList<>();
        List<String> clientLines = new ArrayList<>();
        DtlsConfig clientConfig = psk(clientLines::add);
        DtlsServer server = Fixture.server(psk(serverLines::add));
        VirtualNetwork network = new VirtualNetwork(server, 1, 0, 5);
        ClientSessionCache cache = new ClientSessionCache(clientConfig);

        network.start(CLIENT, DtlsConnection.client(clientConfig, Fixture.crypto(2), new DtlsMetrics(),
                VirtualNetwork.SERVER, Optional.empty(), cache, network.now));
        network.run();

        assertThat(serverLines).hasSize(1);
        assertThat(clientLines).isEqualTo(serverLines);
        String[] first = serverLines.get(0).split(" ");
        assertThat(serverLines.get(0)).matches("CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}");
        assertThat(first[1]).isEqualTo(clientHelloRandom(network, CLIENT));

        DtlsConnection again = DtlsConnection.client(clientConfig, Fixture.crypto(3), new DtlsMetrics(),
                VirtualNetwork.SERVER, Optional.empty(), cache, network.now);
        network.start(SECOND, again);
        network.run();
        assertThat(again.session().orElseThrow().resumed()).isTrue();
        assertThat(serverLines).hasSize(2);
        assertThat(clientLines).isEqualTo(serverLines);
        String[] resumed = serverLines.get(1).split(" ");
        assertThat(resumed[1]).isEqualTo(clientHelloRandom(network, SECOND)).isNotEqualTo(first[1]);
        assertThat(resumed[2]).as("the master secret of the resumed session").isEqualTo(first[2]);
    }

    @Test
    void offByDefault() {
        DtlsConfig config = Fixture.config(InMemoryPskStore.builder().add("client-1", KEY).build(), b -> { });
        assertThat(config.insecureKeyLog()).isEmpty();
        assertThat(config.toString()).doesNotContain("INSECURE");
    }

    @Test
    void theFileIsAppendedToAndReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.log");
        InsecureKeyLog log = InsecureKeyLog.appendingTo(file);
        log.write("CLIENT_RANDOM 00 11");
        InsecureKeyLog.appendingTo(file).write("CLIENT_RANDOM 22 33");
        assertThat(Files.readAllLines(file)).containsExactly("CLIENT_RANDOM 00 11", "CLIENT_RANDOM 22 33");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(DtlsConfig.builder().insecureKeyLog(file).pskStore(InMemoryPskStore.builder().add("a", KEY).build())
                .build().toString()).contains("INSECURE key log to the file " + file.toAbsolutePath());
    }
}
