package io.coaps4j.bench.run;

import io.coaps4j.bench.HelloResource;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageFormatException;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.Token;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Single blocking CoAP exchanges, before any load: waiting until a server answers, creating libcoap's
 * resource, and checking that every server answers GET /hello the same way.
 */
final class CoapProbe {
    private static final SplittableRandom RANDOM = new SplittableRandom();

    private CoapProbe() {
    }

    /** The probe of NoSec servers: GET /hello over plain UDP, retried until the server listens. */
    static HelloProbe hello() {
        return (name, server) -> requireHello(name, exchange(server, request(Code.GET, HelloResource.PATH, new byte[0]),
                Duration.ofMillis(500), Duration.ofSeconds(10)), HelloResource.TEXT);
    }

    /** A confirmable request for the resource at {@code path} with a random message ID and token. */
    static Message request(Code method, String path, byte[] payload) {
        byte[] token = new byte[4];
        RANDOM.nextBytes(token);
        List<Option> options = path.isEmpty() ? List.of() : List.of(Option.ofString(OptionNumber.URI_PATH, path));
        return Message.of(MessageType.CON, method, RANDOM.nextInt(1 << 16), Token.of(token), options, payload);
    }

    /**
     * Sends {@code request} and returns the response with its token, retransmitting every
     * {@code perAttempt} until {@code total} has passed.
     */
    static Message exchange(InetSocketAddress server, Message request, Duration perAttempt, Duration total)
            throws IOException {
        byte[] bytes = MessageCodec.encode(request);
        long deadline = System.nanoTime() + total.toNanos();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0))) {
            socket.setSoTimeout((int) Math.max(1, perAttempt.toMillis()));
            byte[] buffer = new byte[2048];
            while (System.nanoTime() - deadline < 0) {
                socket.send(new DatagramPacket(bytes, bytes.length, server));
                try {
                    while (true) {
                        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                        socket.receive(packet);
                        Message response = decode(packet);
                        if (response == null) {
                            continue;
                        }
                        if (response.type() == MessageType.CON) {
                            byte[] ack = MessageCodec.encode(Message.empty(MessageType.ACK, response.messageId()));
                            socket.send(new DatagramPacket(ack, ack.length, server));
                        }
                        if (response.isResponse() && response.token().equals(request.token())) {
                            return response;
                        }
                        if (response.type() == MessageType.RST && response.messageId() == request.messageId()) {
                            throw new IOException(server + " reset " + request);
                        }
                    }
                } catch (SocketTimeoutException e) {
                    // Retransmit.
                }
            }
        }
        throw new IOException("no response from " + server + " to " + request + " within " + total);
    }

    /** Fails unless {@code response} is 2.05 Content with the /hello payload. */
    static void requireHello(String server, Message response, String expectedText) throws IOException {
        if (!response.code().equals(Code.CONTENT) || !response.payloadAsString().equals(expectedText)) {
            throw new IOException(server + " answered GET /hello with " + response.code() + " '"
                    + response.payloadAsString() + "', expected 2.05 '" + expectedText + "'");
        }
    }

    private static Message decode(DatagramPacket packet) {
        try {
            return MessageCodec.decode(packet.getData(), packet.getOffset(), packet.getLength());
        } catch (MessageFormatException e) {
            return null;
        }
    }
}
