package io.coaps4j.bench.run;

import io.coaps4j.bench.HelloResource;
import io.coaps4j.bench.loadgen.DtlsClientTransport;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageFormatException;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.dtls.config.DtlsConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Function;

/**
 * Single blocking CoAP exchanges over a new DTLS session (PSK or RawPublicKey, as the client configuration
 * says), before any load: creating libcoap's resource and checking that every DTLS server answers GET /hello
 * the same way.
 */
final class DtlsProbe {
    private static final Duration RESEND = Duration.ofMillis(500);

    private DtlsProbe() {
    }

    /** The probe of PSK servers: GET /hello over a new session. */
    static HelloProbe hello() {
        return hello(ServerCatalog::pskClientConfig);
    }

    /** The probe of servers reached with {@code clientConfig}: GET /hello over a new session. */
    static HelloProbe hello(Function<InetSocketAddress, DtlsConfig> clientConfig) {
        return (name, server) -> CoapProbe.requireHello(name, exchange(server, clientConfig.apply(server),
                CoapProbe.request(Code.GET, HelloResource.PATH, new byte[0]), Duration.ofSeconds(10)), HelloResource.TEXT);
    }

    /**
     * Opens a session to {@code server} (handshake included in {@code total}), sends {@code request}, retransmitting
     * it every 500 ms, returns the response with its token and closes the session with close_notify.
     */
    static Message exchange(InetSocketAddress server, DtlsConfig config, Message request, Duration total) throws IOException {
        long deadline = System.nanoTime() + total.toNanos();
        DtlsClientTransport.DtlsFactory factory = DtlsClientTransport.factory(config);
        try (DtlsClientTransport transport = factory.open(server)) {
            transport.connect(total);
            ByteBuffer bytes = ByteBuffer.wrap(MessageCodec.encode(request));
            ByteBuffer in = ByteBuffer.allocate(2048);
            while (System.nanoTime() - deadline < 0) {
                bytes.rewind();
                transport.send(bytes);
                long resendAt = System.nanoTime() + RESEND.toNanos();
                long left;
                while ((left = Math.min(resendAt, deadline) - System.nanoTime()) > 0) {
                    in.clear();
                    if (!transport.awaitMessage(in, Duration.ofNanos(left))) {
                        break;
                    }
                    Message response = decode(in);
                    if (response == null) {
                        continue;
                    }
                    if (response.type() == MessageType.CON) {
                        transport.send(ByteBuffer.wrap(MessageCodec.encode(Message.empty(MessageType.ACK, response.messageId()))));
                    }
                    if (response.isResponse() && response.token().equals(request.token())) {
                        return response;
                    }
                    if (response.type() == MessageType.RST && response.messageId() == request.messageId()) {
                        throw new IOException(server + " reset " + request);
                    }
                }
            }
        }
        throw new IOException("no response from " + server + " over DTLS to " + request + " within " + total);
    }

    private static Message decode(ByteBuffer message) {
        byte[] bytes = new byte[message.remaining()];
        message.get(bytes);
        try {
            return MessageCodec.decode(bytes, 0, bytes.length);
        } catch (MessageFormatException e) {
            return null;
        }
    }
}
