package io.coaps4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.client.CoapClient;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.linkformat.Link;
import io.coaps4j.coap.linkformat.LinkFormat;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.ContentFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our client against a Californium 3.13 server. */
class OurClientToCaliforniumTest {
    private CaliforniumTestServer californium;
    private CoapClient client;

    @BeforeEach
    void start() {
        californium = new CaliforniumTestServer();
        client = CoapClient.builder().timeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void stop() {
        client.close();
        californium.close();
    }

    @Test
    void get() {
        CoapResponse response = client.get(californium.uri("/hello"));

        assertThat(response.code()).isEqualTo(Code.CONTENT);
        assertThat(response.contentFormat()).hasValue(ContentFormat.TEXT_PLAIN.number());
        assertThat(response.payloadAsString()).isEqualTo(CaliforniumTestServer.HELLO);
    }

    @Test
    void nonConfirmableGet() {
        CoapResponse response = client.send(ClientRequest.get(californium.uri("/hello")).nonConfirmable().build());

        assertThat(response.payloadAsString()).isEqualTo(CaliforniumTestServer.HELLO);
    }

    @Test
    void postCarriesPayloadAndContentFormat() {
        byte[] json = "{\"temp\":21.5}".getBytes(StandardCharsets.UTF_8);

        CoapResponse response = client.post(californium.uri("/echo"), json, ContentFormat.JSON.number());

        assertThat(response.code()).isEqualTo(Code.CHANGED);
        assertThat(response.contentFormat()).hasValue(ContentFormat.JSON.number());
        assertThat(response.payload()).isEqualTo(json);
    }

    @Test
    void putGetDelete() {
        String uri = californium.uri("/value");
        byte[] value = "42".getBytes(StandardCharsets.UTF_8);

        assertThat(client.get(uri).code()).isEqualTo(Code.NOT_FOUND);
        assertThat(client.put(uri, value, ContentFormat.TEXT_PLAIN.number()).code()).isEqualTo(Code.CREATED);
        assertThat(client.put(uri, value, ContentFormat.TEXT_PLAIN.number()).code()).isEqualTo(Code.CHANGED);
        CoapResponse read = client.get(uri);
        assertThat(read.payload()).isEqualTo(value);
        assertThat(read.contentFormat()).hasValue(ContentFormat.TEXT_PLAIN.number());
        assertThat(client.delete(uri).code()).isEqualTo(Code.DELETED);
        assertThat(client.get(uri).code()).isEqualTo(Code.NOT_FOUND);
    }

    @Test
    void separateResponse() {
        long start = System.nanoTime();

        CoapResponse response = client.get(californium.uri("/separate"));

        assertThat(response.code()).isEqualTo(Code.CONTENT);
        assertThat(response.payloadAsString()).isEqualTo("separate from Californium");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(Duration.ofMillis(CaliforniumTestServer.SEPARATE_DELAY_MILLIS));
    }

    @Test
    void discovery() throws Exception {
        CoapResponse response = client.get(californium.uri("/.well-known/core"));

        assertThat(response.code()).isEqualTo(Code.CONTENT);
        assertThat(response.contentFormat()).hasValue(ContentFormat.LINK_FORMAT.number());
        List<Link> links = LinkFormat.parse(response.payload());
        assertThat(links).extracting(Link::target).contains("/hello", "/echo", "/value", "/separate");
        Link hello = links.stream().filter(l -> l.target().equals("/hello")).findFirst().orElseThrow();
        assertThat(hello.title()).hasValue("Hello");
        assertThat(hello.contentFormats()).containsExactly(ContentFormat.TEXT_PLAIN.number());
    }

    @Test
    void unknownPathIsNotFound() {
        assertThat(client.get(californium.uri("/nowhere")).code()).isEqualTo(Code.NOT_FOUND);
    }
}
