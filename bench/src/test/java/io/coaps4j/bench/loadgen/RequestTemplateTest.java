package io.coaps4j.bench.loadgen;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTemplateTest {

    @Test
    void patchedTemplateIsConfirmableGetWithGivenIdAndToken() throws Exception {
        RequestTemplate template = RequestTemplate.get("hello");
        ByteBuffer request = template.newBuffer();
        RequestTemplate.patch(request, 0xBEEF, 0x01020304);
        byte[] bytes = new byte[request.remaining()];
        request.get(bytes);

        Message decoded = MessageCodec.decode(bytes);
        assertThat(decoded.type()).isEqualTo(MessageType.CON);
        assertThat(decoded.code()).isEqualTo(Code.GET);
        assertThat(decoded.messageId()).isEqualTo(0xBEEF);
        assertThat(decoded.token().bytes()).containsExactly(1, 2, 3, 4);
        assertThat(decoded.uriPath()).isEqualTo(List.of("hello"));
        // RFC 7252 section 3: header 40 01 BE EF, token, option delta 11 length 5 "hello"
        assertThat(bytes).startsWith(0x44, 0x01, 0xBE, 0xEF, 1, 2, 3, 4, 0xB5, 'h');
        assertThat(template.length()).isEqualTo(14);
    }

    @Test
    void patchingAgainReplacesIdAndToken() throws Exception {
        ByteBuffer request = RequestTemplate.get("hello").newBuffer();
        RequestTemplate.patch(request, 1, 1);
        RequestTemplate.patch(request, 2, -1);
        byte[] bytes = new byte[request.remaining()];
        request.get(bytes);
        Message decoded = MessageCodec.decode(bytes);
        assertThat(decoded.messageId()).isEqualTo(2);
        assertThat(decoded.token().bytes()).containsExactly(0xFF, 0xFF, 0xFF, 0xFF);
    }

    @Test
    void tokenMatchRequiresLengthAndValue() {
        ByteBuffer response = ByteBuffer.wrap(new byte[] {0x64, 0x45, 0, 1, 9, 8, 7, 6});
        assertThat(RequestTemplate.tokenMatches(response, 4, 0x09080706)).isTrue();
        assertThat(RequestTemplate.tokenMatches(response, 4, 0x09080707)).isFalse();
        assertThat(RequestTemplate.tokenMatches(response, 3, 0x09080706)).isFalse();
        assertThat(RequestTemplate.tokenMatches(ByteBuffer.wrap(new byte[] {0x64, 0x45, 0, 1, 9}), 4, 0)).isFalse();
    }
}
