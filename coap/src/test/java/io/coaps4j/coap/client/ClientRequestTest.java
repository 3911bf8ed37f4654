package io.coaps4j.coap.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientRequestTest {

    @Test
    void buildsFromAUriWithOptionsPayloadAndTimeout() {
        ClientRequest request = ClientRequest.post("coap://[::1]:5700/a/b?x=1")
                .query("y=2").nonConfirmable().contentFormat(50).accept(50).payload("{}")
                .timeout(Duration.ofSeconds(3)).build();
        assertThat(request.method()).isEqualTo(Code.POST);
        assertThat(request.uri().port()).isEqualTo(5700);
        assertThat(request.uri().path()).containsExactly("a", "b");
        assertThat(request.uri().query()).containsExactly("x=1", "y=2");
        assertThat(request.confirmable()).isFalse();
        assertThat(request.options()).extracting(Option::number)
                .containsExactly(OptionNumber.CONTENT_FORMAT, OptionNumber.ACCEPT);
        assertThat(new String(request.payload())).isEqualTo("{}");
        assertThat(request.timeout()).hasValue(Duration.ofSeconds(3));
        assertThat(ClientRequest.get("coap://h/x").build().timeout()).isEmpty();
    }

    @Test
    void rejectsWhatIsWrongByName() {
        assertThatThrownBy(() -> ClientRequest.get("http://example.com/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientRequest.get("coap://h/x").option(Option.ofString(OptionNumber.URI_PATH, "y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("URI");
        assertThatThrownBy(() -> ClientRequest.get("coap://h/x").timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> ClientRequest.method(Code.CONTENT, "coap://h/x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request code");
    }

    @Test
    void conflictingOptionsAreRejectedInsteadOfOneBeingIgnored() {
        assertThatThrownBy(() -> ClientRequest.put("coap://h/x").payload("a").payload(new byte[] {1}).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload was given twice");
        assertThatThrownBy(() -> ClientRequest.get("coap://h/x").accept(0).accept(50).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Accept")
                .hasMessageContaining("not repeatable");
        assertThatThrownBy(() -> ClientRequest.put("coap://h/x").contentFormat(0).contentFormat(50).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Content-Format");
        assertThat(ClientRequest.get("coap://h/x").option(Option.of(OptionNumber.ETAG, new byte[] {1}))
                .option(Option.of(OptionNumber.ETAG, new byte[] {2})).build().options())
                .as("a repeatable option may repeat").hasSize(2);
    }
}
