package io.coaps4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.client.ClientRequest;
import io.coaps4j.coap.client.CoapClientException;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Protected requests between a client and an origin over UDP, through a relay that sees (and tampers with)
 * every datagram: what a proxy sees, and that every change it makes to a protected part is refused.
 */
class E2eEndToEndTest {
    private E2eNodes nodes;
    private TamperingRelay relay;

    @BeforeEach
    void start() throws Exception {
        nodes = new E2eNodes();
        relay = new TamperingRelay(nodes.server.localAddress());
    }

    @AfterEach
    void stop() {
        relay.close();
        nodes.close();
    }

    private String uri(String path) {
        return "coap://127.0.0.1:" + relay.address().getPort() + path;
    }

    private CoapResponse get(byte[] sa) {
        return nodes.client.send(ClientRequest.get(uri("/temp")).option(E2eOptions.protectWith(sa)).build());
    }

    @Test
    void aProtectedRequestReachesTheResourceWithItsEndToEndPrincipal() {
        CoapResponse response = get(E2eNodes.SA);

        assertThat(response.code()).isEqualTo(Code.CONTENT);
        assertThat(response.payloadAsString()).isEqualTo("22.5 C for psk-client-1");
        assertThat(E2eLayer.isProtected(response)).isTrue();
        // The other SA names the other principal: the SA identifier, not the address, finds it.
        assertThat(get(E2eNodes.OTHER_SA).payloadAsString()).isEqualTo("22.5 C for psk-client-2");
    }

    @Test
    void aPlainRequestStillWorksAndHasNoEndToEndPrincipal() {
        CoapResponse response = nodes.client.get(uri("/temp"));

        assertThat(response.payloadAsString()).isEqualTo("22.5 C for anybody");
        assertThat(E2eLayer.isProtected(response)).isFalse();
    }

    @Test
    void theRelaySeesOnlyOuterOptionsAndCiphertext() throws Exception {
        nodes.client.send(ClientRequest.post(uri("/temp")).option(E2eOptions.protectWith(E2eNodes.SA))
                .payload("secret-body").build());

        Message outerRequest = MessageCodec.decode(relay.toServer.get(0));
        Message outerResponse = MessageCodec.decode(relay.toClient.get(0));
        assertThat(outerRequest.code()).isEqualTo(Code.POST);
        assertThat(outerRequest.options()).extracting(Option::number)
                .containsExactly(E2eOptions.E2E); // the relay is the destination: no Uri-Host or Uri-Port
        assertThat(outerResponse.code()).isEqualTo(Code.CHANGED);
        assertThat(outerResponse.options()).extracting(Option::number).containsExactly(E2eOptions.E2E);
        for (byte[] datagram : List.of(relay.toServer.get(0), relay.toClient.get(0))) {
            String seen = new String(datagram, StandardCharsets.ISO_8859_1);
            assertThat(seen).doesNotContain("temp").doesNotContain("secret-body").doesNotContain("posted");
        }
    }

    @Test
    void aFlippedByteInTheRequestIsRefusedAsNotAuthentic() {
        relay.requestRewrite = TamperTest::flipLastByte;

        CoapResponse response = get(E2eNodes.SA);

        assertThat(response.code()).isEqualTo(Code.BAD_REQUEST);
        assertThat(response.payloadAsString()).isEqualTo(E2eDiagnostics.NOT_AUTHENTIC);
        assertThat(E2eLayer.isProtected(response)).isFalse();
    }

    @Test
    void aFlippedByteInTheResponseIsDropped() {
        relay.responseRewrite = TamperTest::flipLastByte;

        assertThatThrownBy(() -> nodes.client.send(ClientRequest.get(uri("/temp"))
                .option(E2eOptions.protectWith(E2eNodes.SA)).timeout(Duration.ofMillis(500)).build()))
                .isInstanceOf(CoapClientException.class);
    }

    @Test
    void aReplayedRequestIsRefusedAndNeverReachesTheResourceTwice() throws Exception {
        assertThat(get(E2eNodes.SA).code()).isEqualTo(Code.CONTENT);
        byte[] replay = relay.toServer.get(0).clone();
        replay[2] ^= 0x55; // a new message ID, so the message layer does not take it for a retransmission
        int before = relay.toClient.size();

        relay.injectToServer(replay);

        Message answer = awaitAnswer(before);
        assertThat(answer.code()).isEqualTo(Code.UNAUTHORIZED);
        assertThat(answer.payloadAsString()).isEqualTo(E2eDiagnostics.REPLAY);
    }

    @Test
    void aRequestMovedToAnotherSaIsRefused() {
        // The relay rewrites the SA identifier 5a 01 into 5a 02, an SA the server has: its keys do not open it.
        relay.requestRewrite = datagram -> replaceLast(datagram, E2eNodes.SA, E2eNodes.OTHER_SA);

        CoapResponse response = get(E2eNodes.SA);

        assertThat(response.code()).isEqualTo(Code.BAD_REQUEST);
        assertThat(response.payloadAsString()).isEqualTo(E2eDiagnostics.NOT_AUTHENTIC);
    }

    @Test
    void anUnknownSaGetsTheDistinct401AndAnUninstalledOneFailsAtTheSender() {
        nodes.serverSas.remove(E2eNodes.SA);

        CoapResponse response = get(E2eNodes.SA);
        assertThat(response.code()).isEqualTo(Code.UNAUTHORIZED);
        assertThat(response.payloadAsString()).isEqualTo(E2eDiagnostics.NO_ASSOCIATION);

        nodes.clientSas.remove(E2eNodes.SA);
        assertThatThrownBy(() -> get(E2eNodes.SA)).isInstanceOf(CoapClientException.class);
        assertThat(relay.toServer).hasSize(1); // nothing left the client the second time
    }

    private Message awaitAnswer(int before) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (relay.toClient.size() == before && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(relay.toClient.size()).as("an answer to the replay").isGreaterThan(before);
        return MessageCodec.decode(relay.toClient.get(before));
    }

    private static byte[] replaceLast(byte[] datagram, byte[] from, byte[] to) {
        for (int i = datagram.length - from.length; i >= 0; i--) {
            if (Arrays.equals(datagram, i, i + from.length, from, 0, from.length)) {
                byte[] out = datagram.clone();
                System.arraycopy(to, 0, out, i, to.length);
                return out;
            }
        }
        throw new AssertionError("SA identifier not found in the datagram");
    }
}
