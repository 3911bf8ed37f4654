package io.coaps4j.coap.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.endpoint.ObservationSink;
import io.coaps4j.coap.endpoint.Responder;
import io.coaps4j.coap.exchange.CoapEngine;
import io.coaps4j.coap.exchange.CoapResponse;
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
import io.coaps4j.coap.peer.PlainPeer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Observable resources (RFC 7641) through the dispatcher on a sans-IO engine. */
class ResourceObserveTest {
    private final PlainPeer client = new PlainPeer(new InetSocketAddress("127.0.0.1", 40000));
    private final List<Message> sent = new ArrayList<>();
    private final AtomicInteger state = new AtomicInteger();
    private CoapEngine engine;
    private int nextMid = 1;

    private void serve(Resource... resources) {
        ResourceDispatcher dispatcher = new ResourceDispatcher(new ResourceTree(List.of(resources)), null);
        Responder responder = new Responder() {
            @Override
            public void respond(ServerExchange exchange, CoapResponse response) {
                engine.respond(exchange, response, 0);
            }

            @Override
            public void respondObserved(ServerExchange exchange, CoapResponse first, MessageType type,
                                        ObservationSink sink) {
                var observation = engine.observe(exchange, first, type, sink::ended, 0);
                if (observation != null) {
                    sink.registered(observation, (o, next) -> engine.notifyObserver(o, next, 0));
                }
            }
        };
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
                dispatcher.onRequest(exchange, responder);
            }
        }, new Random(1));
    }

    private Message get(Peer from, String path, Long observe, Option... extra) {
        List<Option> options = new ArrayList<>(List.of(extra));
        options.add(Option.ofString(OptionNumber.URI_PATH, path));
        if (observe != null) {
            options.add(Option.ofUint(OptionNumber.OBSERVE, observe));
        }
        Message request = Message.of(MessageType.CON, Code.GET, nextMid++, Token.ofHex("aa"), options, new byte[0]);
        engine.receive(from, MessageCodec.encode(request), 0, MessageCodec.encodedLength(request), 0);
        return sent.get(sent.size() - 1);
    }

    private Resource counter() {
        return Resource.builder("counter").observable(MessageType.NON).contentFormat(0)
                .get(request -> CoapResponse.content("n=" + state.get())).build();
    }

    @Test
    void observeOnANonObservableResourceIsAPlainGet() {
        serve(Resource.builder("plain").get(request -> CoapResponse.content("p")).build());
        Message answer = get(client, "plain", 0L);
        assertThat(answer.code()).isEqualTo(Code.CONTENT);
        assertThat(answer.hasOption(OptionNumber.OBSERVE)).isFalse();
        assertThat(engine.observers()).isZero();
    }

    @Test
    void anObservableResourceRegistersNotifiesAndDeregisters() {
        Resource counter = counter();
        serve(counter);
        Message first = get(client, "counter", 0L);
        assertThat(first.observe()).hasValue(0);
        assertThat(counter.observerCount()).isOne();
        state.set(5);
        counter.changed();
        Message notification = sent.get(sent.size() - 1);
        assertThat(notification.type()).isEqualTo(MessageType.NON);
        assertThat(notification.payloadAsString()).isEqualTo("n=5");
        assertThat(notification.observe()).hasValue(1);
        Message plain = get(client, "counter", 1L);
        assertThat(plain.hasOption(OptionNumber.OBSERVE)).isFalse();
        assertThat(counter.observerCount()).isZero();
        int before = sent.size();
        counter.changed();
        assertThat(sent).as("no observer, nothing sent").hasSize(before);
    }

    @Test
    void aGetWithoutObserveDoesNotRegister() {
        Resource counter = counter();
        serve(counter);
        assertThat(get(client, "counter", null).hasOption(OptionNumber.OBSERVE)).isFalse();
        assertThat(counter.observerCount()).isZero();
    }

    @Test
    void refusedRequestsRegisterNothing() {
        Resource secret = Resource.builder("secret").observable().requireAuthentication()
                .get(request -> CoapResponse.content("s")).build();
        Resource counter = counter();
        serve(secret, counter);
        Message unauthorized = get(client, "secret", 0L);
        assertThat(unauthorized.code()).isEqualTo(Code.UNAUTHORIZED);
        assertThat(unauthorized.hasOption(OptionNumber.OBSERVE)).isFalse();
        Message notAcceptable = get(client, "counter", 0L, Option.ofUint(OptionNumber.ACCEPT, 50));
        assertThat(notAcceptable.code()).isEqualTo(Code.NOT_ACCEPTABLE);
        assertThat(engine.observers()).isZero();
    }

    @Test
    void observableResourcesAreListedWithObs() {
        assertThat(counter().link().toString()).contains("obs");
        assertThat(Resource.builder("plain").get(request -> CoapResponse.content("p")).build().link().toString())
                .doesNotContain("obs");
    }

    @Test
    void badBuilderInputIsNamed() {
        assertThatThrownBy(() -> Resource.builder("x").observable().put(request -> CoapResponse.of(Code.CHANGED))
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GET");
        assertThatThrownBy(() -> Resource.builder("x").observable(MessageType.ACK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CON or NON");
        assertThatThrownBy(() -> Resource.builder("x").get(request -> CoapResponse.content("x")).build().changed())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not observable");
    }
}
