package io.coaps4j.dtls.engine;

import io.coaps4j.dtls.config.DtlsConfig;
import io.coaps4j.dtls.credentials.RawPublicKeyPrincipal;
import io.coaps4j.dtls.handshake.message.HandshakeType;
import io.coaps4j.dtls.record.ContentType;
import io.coaps4j.dtls.record.RecordCodec;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's slow steps of a mutually authenticated RawPublicKey handshake (the ServerKeyExchange signature,
 * the ECDH, the check of the client's CertificateVerify) are handed out as jobs; the test, playing the
 * transport's executor, runs them late and out of order. Two clients' handshakes interleave and both complete
 * without a single timer firing: nothing the client sent while a job was pending (its ChangeCipherSpec
 * included) was lost.
 */
class EcdheOffloadTest {
    private static final InetSocketAddress CLIENT_A = VirtualNetwork.address("10.0.0.2", 40000);
    private static final InetSocketAddress CLIENT_B = VirtualNetwork.address("10.0.0.3", 40000);

    @Test
    void theServersSignatureEcdhAndVerificationRunOffTheLoopAndTheHandshakesComplete() {
        Loop loop = interleave(PublicKeyFixture.config(b -> b.credentials(PublicKeyFixture.serverRpk())),
                PublicKeyFixture.config(b -> b.credentials(PublicKeyFixture.clientRpk())), Optional.empty(),
                "for each of two clients: the signature; the ECDH with the CertificateVerify check", 4);
        for (InetSocketAddress client : List.of(CLIENT_A, CLIENT_B)) {
            assertThat(loop.server.session(client).orElseThrow().peerPrincipal())
                    .isEqualTo(new RawPublicKeyPrincipal(PublicKeyFixture.CLIENT_KEY.getPublic()));
        }
    }

    @Test
    void withCertificatesTheChainValidationRunsOffTheLoopToo() {
        Loop loop = interleave(PublicKeyFixture.config(b -> b.credentials(PublicKeyFixture.serverCertificate())),
                PublicKeyFixture.config(b -> b.credentials(PublicKeyFixture.clientCertificate())),
                Optional.of("server.example"),
                "twice: the signature; the chain validation with the ECDH and the CertificateVerify check", 4);
        for (InetSocketAddress client : List.of(CLIENT_A, CLIENT_B)) {
            assertThat(loop.server.session(client).orElseThrow().peerPrincipal())
                    .isInstanceOf(io.coaps4j.dtls.credentials.CertificatePrincipal.class);
        }
    }

    /**
     * Each hand-off costs a crypto thread's wake-up and the loop's (issue 8): a full server handshake hands out
     * at most two jobs, the ServerKeyExchange signature (with the ephemeral key) and one for the client's flight
     * 5 (the ECDH, with the key check and CertificateVerify check when the client authenticates), in every mode.
     */
    @Test
    void aFullServerHandshakeHandsOutAtMostTwoJobsInEveryMode() {
        DtlsConfig rpkClient = PublicKeyFixture.config(b -> b.credentials(PublicKeyFixture.clientRpk()));
        DtlsConfig certificateClient = PublicKeyFixture.config(b -> b.credentials(PublicKeyFixture.clientCertificate()));
        Map<String, Loop> modes = new LinkedHashMap<>();
        modes.put("RawPublicKey, client authenticated", interleave(
                PublicKeyFixture.config(b -> b.credentials(PublicKeyFixture.serverRpk())), rpkClient, Optional.empty(),
                "two jobs per handshake", 4));
        modes.put("RawPublicKey, client not authenticated", interleave(
                PublicKeyFixture.config(b -> b.credentials(PublicKeyFixture.serverRpk())
                        .clientAuthentication(io.coaps4j.dtls.config.ClientAuthentication.NONE)),
                rpkClient, Optional.empty(), "two jobs per handshake", 4));
        modes.put("Certificate, client authenticated", interleave(
                PublicKeyFixture.config(b -> b.credentials(PublicKeyFixture.serverCertificate())), certificateClient,
                Optional.of("server.example"), "two jobs per handshake", 4));
        modes.forEach((mode, loop) -> {
            assertThat(loop.jobsPerConnection).as(mode + ": the server connections that handed out jobs").hasSize(2);
            assertThat(loop.jobsPerConnection.values()).as(mode).allSatisfy(jobs -> assertThat(jobs).isLessThanOrEqualTo(2));
        });
    }

    /**
     * The client's ChangeCipherSpec and Finished overtake its CertificateVerify: the server notes the
     * ChangeCipherSpec while the keys of epoch 1 do not exist yet (they come from the one job the
     * CertificateVerify starts), keeps the Finished in the record layer, and completes without a retransmission.
     */
    @Test
    void aChangeCipherSpecAndFinishedThatOvertakeTheCertificateVerifyWaitForTheJobsKeys() {
        Loop loop = new Loop(Fixture.server(PublicKeyFixture.config(b -> b.credentials(PublicKeyFixture.serverRpk()))));
        loop.certificateVerifyLast = true;
        loop.start(CLIENT_A, Fixture.client(PublicKeyFixture.config(b -> b.credentials(PublicKeyFixture.clientRpk())),
                2, Optional.empty()));
        int jobs = 0;
        while (!loop.offloaded.isEmpty()) {
            CryptoJob job = loop.offloaded.remove(0);
            job.run();
            loop.server.resume(job, 0, loop);
            loop.pump();
            jobs++;
        }

        assertThat(loop.movedCertificateVerify).as("the test did reorder the client's flight").isTrue();
        assertThat(jobs).isEqualTo(2);
        assertThat(loop.serverCompleted()).containsExactly(CLIENT_A);
        assertThat(loop.clients.get(CLIENT_A).status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        assertThat(loop.server.metrics().handshakeMessagesDropped(HandshakeDropReason.UNEXPECTED_CHANGE_CIPHER_SPEC))
                .isZero();
    }

    private static Loop interleave(DtlsConfig serverConfig, DtlsConfig clientConfig, Optional<String> serverName,
                                   String jobsExpected, int jobCount) {
        Loop loop = new Loop(Fixture.server(serverConfig));
        loop.start(CLIENT_A, Fixture.client(clientConfig, 2, serverName));
        loop.start(CLIENT_B, Fixture.client(clientConfig, 3, serverName));

        int jobs = 0;
        while (!loop.offloaded.isEmpty()) {
            // The newest job first: B's and A's steps interleave.
            CryptoJob job = loop.offloaded.remove(loop.offloaded.size() - 1);
            assertThat(loop.offloaded).as("one job per handshake at a time").hasSizeLessThan(2);
            loop.jobsPerConnection.merge(job.connection(), 1, Integer::sum);
            job.run();
            loop.server.resume(job, 0, loop);
            loop.pump();
            jobs++;
        }

        assertThat(jobs).as(jobsExpected).isEqualTo(jobCount);
        assertThat(loop.serverCompleted()).containsExactlyInAnyOrder(CLIENT_A, CLIENT_B);
        for (InetSocketAddress client : List.of(CLIENT_A, CLIENT_B)) {
            assertThat(loop.clients.get(client).status()).isEqualTo(DtlsConnection.Status.ESTABLISHED);
        }
        assertThat(loop.server.engine().cryptoJobs.outstanding()).isZero();
        return loop;
    }

    /** The server's event loop at virtual time 0, its offloaded jobs collected; clients run their crypto inline. */
    private static final class Loop implements DtlsOutput {
        final DtlsServer server;
        final Map<InetSocketAddress, DtlsConnection> clients = new LinkedHashMap<>();
        final List<DtlsServer.PeerEvent> serverEvents = new ArrayList<>();
        final List<CryptoJob> offloaded = new ArrayList<>();
        final Map<DtlsConnection, Integer> jobsPerConnection = new java.util.HashMap<>();
        boolean certificateVerifyLast;
        boolean movedCertificateVerify;
        private final Deque<VirtualNetwork.Packet> wire = new ArrayDeque<>();

        Loop(DtlsServer server) {
            this.server = server;
        }

        @Override
        public void datagram(InetSocketAddress to, byte[] datagram) {
            wire.add(new VirtualNetwork.Packet(VirtualNetwork.SERVER, to, datagram, 0, 0));
        }

        @Override
        public void event(DtlsConnection connection, DtlsEvent event) {
            serverEvents.add(new DtlsServer.PeerEvent(connection, event));
        }

        @Override
        public void offload(CryptoJob job) {
            offloaded.add(job);
        }

        void start(InetSocketAddress from, DtlsConnection client) {
            clients.put(from, client);
            clientOutput(from, client.start(0));
            pump();
        }

        void clientOutput(InetSocketAddress client, DtlsResult result) {
            List<byte[]> datagrams = certificateVerifyLast ? certificateVerifyLast(result.datagrams())
                    : result.datagrams();
            for (byte[] datagram : datagrams) {
                wire.add(new VirtualNetwork.Packet(client, VirtualNetwork.SERVER, datagram, 0, 0));
            }
        }

        /** The flight's records in order, but its CertificateVerify in a datagram of its own after them. */
        private List<byte[]> certificateVerifyLast(List<byte[]> datagrams) {
            List<byte[]> out = new ArrayList<>();
            byte[] certificateVerify = null;
            for (byte[] datagram : datagrams) {
                java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
                for (int pos = 0, next; pos < datagram.length; pos = next) {
                    // A tls12_cid record (RFC 9146) is not framed without the CID's length: it and the rest stay.
                    next = RecordCodec.recordEnd(datagram, pos, datagram.length) < 0 ? datagram.length
                            : RecordCodec.recordEnd(datagram, pos, datagram.length);
                    byte[] record = Arrays.copyOfRange(datagram, pos, next);
                    boolean plaintextHandshake = record[0] == ContentType.HANDSHAKE.code() && RecordCodec.epoch(record, 0) == 0;
                    if (plaintextHandshake && (record[13] & 0xff) == HandshakeType.CERTIFICATE_VERIFY.code()) {
                        certificateVerify = record;
                    } else {
                        kept.writeBytes(record);
                    }
                }
                if (kept.size() > 0) {
                    out.add(kept.toByteArray());
                }
            }
            if (certificateVerify != null) {
                movedCertificateVerify = true;
                out.add(certificateVerify);
            }
            return out;
        }

        void pump() {
            VirtualNetwork.Packet packet;
            while ((packet = wire.poll()) != null) {
                if (packet.to().equals(VirtualNetwork.SERVER)) {
                    server.receive(packet.from(), packet.bytes(), 0, packet.bytes().length, 0, this);
                } else {
                    clientOutput(packet.to(), clients.get(packet.to()).receive(packet.bytes(), 0));
                }
            }
        }

        List<InetSocketAddress> serverCompleted() {
            return serverEvents.stream().filter(e -> e.event() instanceof DtlsEvent.HandshakeCompleted)
                    .map(DtlsServer.PeerEvent::peer).toList();
        }
    }
}
