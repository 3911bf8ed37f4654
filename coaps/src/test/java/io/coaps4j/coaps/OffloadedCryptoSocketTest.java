package io.coaps4j.coaps;

import static io.coaps4j.coaps.Fixtures.KEY;
import static io.coaps4j.coaps.Fixtures.connector;
import static io.coaps4j.coaps.Fixtures.store;
import static io.coaps4j.coaps.Fixtures.uri;
import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.server.CoapServer;
import io.coaps4j.coap.server.Resource;
import io.coaps4j.dtls.crypto.JcaEcdsa;
import io.coaps4j.dtls.crypto.SignatureAlgorithm;
import io.coaps4j.dtls.crypto.Signer;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Over real UDP: a handshake whose signer is slow (it waits until the test lets it finish) runs on the
 * connector's crypto threads, so the server's event loop keeps serving a concurrent PSK client meanwhile.
 */
class OffloadedCryptoSocketTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final BlockingSigner signer = new BlockingSigner();
    private CoapServer server;
    private CoapClient slowClient;
    private CoapClient pskClient;

    @AfterEach
    void close() {
        signer.release.countDown();
        for (AutoCloseable closeable : new AutoCloseable[] {pskClient, slowClient, server}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // closing what the test opened
            }
        }
    }

    @Test
    void aSlowSignatureDoesNotBlockAnotherClientsRequests() throws Exception {
        DtlsConnector connector = connector("device-1", KEY).cryptoThreads(1).build();
        server = CoapServer.builder().connector(connector)
                .resource(Resource.builder("x").get(request -> CoapResponse.content("x")).build())
                .build().start();
        CompletableFuture<Void> installed = new CompletableFuture<>();
        server.endpoint().loop().execute(() -> {
            SlowServerHandshakes.install(connector.binding(), 1, signer);
            installed.complete(null);
        });
        installed.get(5, TimeUnit.SECONDS);
        String x = uri(server.localAddress(), "/x");
        slowClient = CoapClient.builder().connector(DtlsConnector.client(store("device-1", KEY))).timeout(TIMEOUT).build();
        pskClient = CoapClient.builder().connector(DtlsConnector.client(store("device-1", KEY))).timeout(TIMEOUT).build();

        CompletableFuture<CoapResponse> slow = slowClient.getAsync(x);
        assertThat(signer.started.await(5, TimeUnit.SECONDS)).as("the slow handshake reached its signer").isTrue();
        assertThat(signer.thread).startsWith("coaps-crypto-");

        for (int i = 0; i < 3; i++) {
            assertThat(pskClient.get(x).payloadAsString()).isEqualTo("x");
        }
        assertThat(slow).as("its signature is still being computed").isNotDone();

        signer.release.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS).payloadAsString()).isEqualTo("x");
        assertThat(connector.metrics().serverSessions()).isEqualTo(2);
    }

    /** A real ECDSA signer that waits for the test before it signs: a slow signing device. */
    private static final class BlockingSigner implements Signer {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile String thread = "";
        private final Signer real;

        BlockingSigner() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(256);
                real = JcaEcdsa.signer(generator.generateKeyPair().getPrivate());
            } catch (GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public SignatureAlgorithm algorithm() {
            return real.algorithm();
        }

        @Override
        public byte[] sign(byte[] message) throws GeneralSecurityException {
            thread = Thread.currentThread().getName();
            started.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GeneralSecurityException("interrupted", e);
            }
            return real.sign(message);
        }
    }
}
