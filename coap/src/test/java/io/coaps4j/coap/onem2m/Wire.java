package io.coaps4j.coap.onem2m;

import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.Token;
import io.coaps4j.coap.peer.PlainPeer;
import io.coaps4j.coap.server.CoapRequest;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Turns a client's request into what a server receives, as the endpoint would (without a network). */
final class Wire {
    static final PlainPeer PEER = new PlainPeer(new InetSocketAddress("127.0.0.1", 5683));

    private Wire() {
    }

    static Message message(ClientRequest request) {
        List<Option> options = new ArrayList<>(request.uri().toOptions());
        options.addAll(request.options());
        return Message.of(MessageType.CON, request.method(), 7, Token.EMPTY, options, request.payload());
    }

    static CoapRequest received(ClientRequest request) {
        return CoapRequest.of(PEER, message(request));
    }

    static CoapRequest received(Code method, List<Option> options, byte[] payload) {
        return CoapRequest.of(PEER, Message.of(MessageType.CON, method, 7, Token.EMPTY, options, payload));
    }
}
