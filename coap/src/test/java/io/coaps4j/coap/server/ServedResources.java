package io.coaps4j.coap.server;

import io.coaps4j.coap.exchange.CoapEngine;
import io.coaps4j.coap.exchange.EngineConfig;
import io.coaps4j.coap.exchange.EngineOutput;
import io.coaps4j.coap.exchange.ServerExchange;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageFormatException;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.peer.Peer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Resources served by a {@link ResourceDispatcher} on a sans-IO engine, with every reply captured. */
final class ServedResources {
    private final List<Message> sent = new ArrayList<>();
    private final CoapEngine engine;

    ServedResources(Resource... resources) {
        ResourceDispatcher dispatcher = new ResourceDispatcher(new ResourceTree(List.of(resources)), null);
        CoapEngine[] self = new CoapEngine[1];
        engine = new CoapEngine(EngineConfig.DEFAULT, new EngineOutput() {
            @Override
            public void send(Peer peer, byte[] datagram) {
                try {
                    sent.add(MessageCodec.decode(datagram));
                } catch (MessageFormatException e) {
                    throw new AssertionError(e);
                }
            }

            @Override
            public void requestReceived(ServerExchange exchange) {
                dispatcher.onRequest(exchange, (ex, response) -> self[0].respond(ex, response, 0));
            }
        }, new Random(1));
        self[0] = engine;
    }

    /**
     * Sends a CON request whose Uri-Path and Uri-Query options are exactly {@code path} and
     * {@code query} (decoded values, so "" or "a b" are possible) and returns the reply.
     */
    Message call(Peer from, Code method, List<String> path, List<String> query) {
        List<Option> options = new ArrayList<>();
        for (String argument : query) {
            options.add(Option.ofString(OptionNumber.URI_QUERY, argument));
        }
        return callWith(from, method, path, options);
    }

    /** Sends a CON request to {@code path} with {@code extra} options besides Uri-Path and returns the reply. */
    Message callWith(Peer from, Code method, List<String> path, List<Option> extra) {
        List<Option> options = new ArrayList<>(extra);
        for (String segment : path) {
            options.add(Option.ofString(OptionNumber.URI_PATH, segment));
        }
        Message request = Message.of(MessageType.CON, method, sent.size() + 1, Token.ofHex("aa"), options, new byte[0]);
        engine.receive(from, MessageCodec.encode(request), 0, MessageCodec.encodedLength(request), 0);
        return sent.get(sent.size() - 1);
    }
}
