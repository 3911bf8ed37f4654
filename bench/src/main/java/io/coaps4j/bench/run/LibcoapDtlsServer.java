package io.coaps4j.bench.run;

import io.coaps4j.bench.BenchPsk;
import io.coaps4j.bench.HelloResource;
import io.coaps4j.bench.process.ServerProcess;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.dtls.config.DtlsConfig;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * libcoap's example server over DTLS with GnuTLS. PSK: {@code coap-server-gnutls -k KEY -h ""}, any client
 * identity with the benchmark key, no identity hint (as the Java servers send none). RawPublicKey:
 * {@code coap-server-gnutls -M FILE}, the run's server key pair in one PEM file; GnuTLS asks the client for
 * its raw public key and libcoap hands it to the example server's callback, which accepts any key (it has no
 * trust list for raw public keys). It serves DTLS on the port after its plain UDP one. As for NoSec,
 * {@code -d 1} lets one PUT create /hello with the common payload; the PUT goes over DTLS too, from our client,
 * which also shows that GnuTLS agrees to the one suite our client offers in the mode.
 */
final class LibcoapDtlsServer implements BenchedServer {
    static final String COMMAND = "coap-server-gnutls";

    private final String description;
    private final List<String> credentialArgs;
    private final Function<InetSocketAddress, DtlsConfig> clientConfig;

    private LibcoapDtlsServer(String description, List<String> credentialArgs,
                              Function<InetSocketAddress, DtlsConfig> clientConfig) {
        this.description = description;
        this.credentialArgs = List.copyOf(credentialArgs);
        this.clientConfig = clientConfig;
    }

    /** With the benchmark PSK. */
    static LibcoapDtlsServer psk() {
        return new LibcoapDtlsServer("libcoap " + COMMAND + " (GnuTLS) -k KEY -h '' -d 1 -v 0, /hello created by PUT over DTLS",
                List.of("-k", BenchPsk.KEY_TEXT, "-h", ""), ServerCatalog::pskClientConfig);
    }

    /** With the raw public key pair in {@code keyFile} (PRIVATE KEY and PUBLIC KEY blocks). */
    static LibcoapDtlsServer rpk(Path keyFile, Function<InetSocketAddress, DtlsConfig> clientConfig) {
        return new LibcoapDtlsServer("libcoap " + COMMAND + " (GnuTLS) -M KEYPAIR.pem -d 1 -v 0 (asks for the client's raw"
                + " public key; its example callback accepts any), /hello created by PUT over DTLS",
                List.of("-M", keyFile.toAbsolutePath().toString()), clientConfig);
    }

    @Override
    public String name() {
        return ServerCatalog.LIBCOAP;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public ServerProcess start(BenchOptions options) throws IOException, InterruptedException {
        int plainPort = freeUdpPortPair(options);
        InetSocketAddress dtls = new InetSocketAddress(options.host(), plainPort + 1);
        List<String> command = new ArrayList<>(List.of(COMMAND,
                "-A", options.host().getHostAddress(), "-p", Integer.toString(plainPort)));
        command.addAll(credentialArgs);
        command.addAll(List.of("-d", "1", "-v", "0"));
        ServerProcess process = ServerProcess.startNative(name(), command, dtls, options.logDir());
        try {
            Message created = putHelloOnceListening(dtls, Duration.ofSeconds(10));
            if (!created.code().isSuccess()) {
                throw new IOException(COMMAND + " refused PUT /hello: " + created.code());
            }
            DtlsProbe.hello(clientConfig).requireHello(name(), dtls);
            return process;
        } catch (IOException e) {
            process.close();
            throw e;
        }
    }

    /** The server needs a moment to bind; until then a handshake goes unanswered, so it is tried again. */
    private Message putHelloOnceListening(InetSocketAddress dtls, Duration total) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + total.toNanos();
        while (true) {
            try {
                return DtlsProbe.exchange(dtls, clientConfig.apply(dtls), CoapProbe.request(Code.PUT, HelloResource.PATH, HelloResource.payload()),
                        Duration.ofSeconds(2));
            } catch (IOException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** A port p with p and p + 1 both free right now: libcoap takes p for UDP and p + 1 for DTLS. */
    private static int freeUdpPortPair(BenchOptions options) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (DatagramSocket first = new DatagramSocket(new InetSocketAddress(options.host(), 0))) {
                int port = first.getLocalPort();
                if (port >= 65535) {
                    continue;
                }
                try (DatagramSocket second = new DatagramSocket(new InetSocketAddress(options.host(), port + 1))) {
                    return port;
                } catch (IOException taken) {
                    // Try another pair.
                }
            }
        }
        throw new IOException("no two consecutive free UDP ports on " + options.host());
    }
}
