package io.coaps4j.bench.run;

import io.coaps4j.bench.HelloResource;
import io.coaps4j.bench.process.ServerProcess;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * libcoap's example server {@code coap-server-notls}. Its built-in resources (/, /time, /async,
 * /example_data) do not match /hello, so it runs with {@code -d 1} (allow one dynamically created
 * resource) and a PUT /hello with the common payload creates the resource; GETs of /hello then answer
 * 2.05 with exactly that payload, like the other servers.
 */
final class LibcoapServer implements BenchedServer {
    static final String COMMAND = "coap-server-notls";

    @Override
    public String name() {
        return ServerCatalog.LIBCOAP;
    }

    @Override
    public String description() {
        return "libcoap " + COMMAND + " -d 1 -v 0, /hello created by PUT (dynamic resource)";
    }

    @Override
    public ServerProcess start(BenchOptions options) throws IOException, InterruptedException {
        InetSocketAddress address = new InetSocketAddress(options.host(), freeUdpPort(options));
        ServerProcess process = ServerProcess.startNative(name(), List.of(COMMAND,
                "-A", options.host().getHostAddress(), "-p", Integer.toString(address.getPort()), "-d", "1", "-v", "0"),
                address, options.logDir());
        try {
            Message created = CoapProbe.exchange(address,
                    CoapProbe.request(Code.PUT, HelloResource.PATH, HelloResource.payload()),
                    Duration.ofMillis(200), Duration.ofSeconds(10));
            if (!created.code().isSuccess()) {
                throw new IOException(COMMAND + " refused PUT /hello: " + created.code());
            }
            CoapProbe.requireHello(name(), CoapProbe.exchange(address,
                    CoapProbe.request(Code.GET, HelloResource.PATH, new byte[0]),
                    Duration.ofMillis(500), Duration.ofSeconds(5)), HelloResource.TEXT);
            return process;
        } catch (IOException e) {
            process.close();
            throw e;
        }
    }

    /** A UDP port free right now; libcoap cannot report an ephemeral port it bound, so it is given one. */
    private static int freeUdpPort(BenchOptions options) throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(options.host(), 0))) {
            return probe.getLocalPort();
        }
    }
}
