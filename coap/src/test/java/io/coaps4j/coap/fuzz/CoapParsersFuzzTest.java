package io.coaps4j.coap.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coaps4j.coap.blockwise.BlockOption;
import io.coaps4j.coap.linkformat.Link;
import io.coaps4j.coap.linkformat.LinkFilter;
import io.coaps4j.coap.linkformat.LinkFormat;
import io.coaps4j.coap.linkformat.LinkFormatException;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.MessageFormatException;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.message.OptionRegistry;
import io.coaps4j.coap.onem2m.OneM2mBinding;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.onem2m.OneM2mBindingException;
import io.coaps4j.coap.onem2m.Operation;
import io.coaps4j.coap.onem2m.RequestMapping;
import io.coaps4j.coap.onem2m.RequestPrimitive;
import io.coaps4j.coap.onem2m.ResponseMapping;
import io.coaps4j.coap.onem2m.ResponsePrimitive;
import io.coaps4j.coap.peer.PlainPeer;
import io.coaps4j.coap.server.CoapRequest;
import io.coaps4j.coap.uri.CoapUri;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzz targets (Jazzer) for every parser of network or user input in the coap module. In the
 * normal build each runs its seeds ({@code src/test/resources/.../CoapParsersFuzzTestInputs/<target>/}) and
 * an empty input; {@code scripts/fuzz.sh} fuzzes one for as long as asked ({@code JAZZER_FUZZ=1}).
 *
 * <p>Pass criterion: the parser returns a value or throws the exception it declares, nothing else, and what it
 * returns is bounded by the input (no length field makes it allocate more than the bytes it was given).
 */
class CoapParsersFuzzTest {
    private static final OptionRegistry ONEM2M_OPTIONS = OneM2mBinding.options(OptionRegistry.standard());
    private static final PlainPeer PEER = new PlainPeer(new InetSocketAddress("192.0.2.1", 5683));

    /** RFC 7252 section 3: decodes, stays within the input, and encodes back to the same bytes. */
    @FuzzTest
    void message(byte[] datagram) {
        Message message;
        try {
            message = MessageCodec.decode(datagram);
        } catch (MessageFormatException rejected) {
            return;
        }
        assertThat(message.payloadLength()).isLessThanOrEqualTo(datagram.length);
        assertThat(message.options().size()).isLessThanOrEqualTo(datagram.length);
        long optionBytes = message.options().stream().mapToLong(option -> option.value().length).sum();
        assertThat(optionBytes).isLessThanOrEqualTo(datagram.length);
        assertThat(MessageCodec.encode(message)).isEqualTo(datagram);
        // What the options mean (RFC 7252 section 5.4): a registry lookup on any decoded message never throws.
        OptionRegistry.standard().firstUnrecognizedCritical(message);
        ONEM2M_OPTIONS.firstUnrecognizedCritical(message);
        message.uriPath();
        message.uriQuery();
        message.contentFormat();
        message.observe();
        for (int number : new int[] {OptionNumber.BLOCK1, OptionNumber.BLOCK2}) {
            try {
                BlockOption.of(message, number);
            } catch (IllegalArgumentException declared) {
                // a Block value longer than three bytes (RFC 7959 section 2.2)
            }
        }
    }

    /** A oneM2M request primitive read from a CoAP request (TS-0008): a primitive or OneM2mBindingException. */
    @FuzzTest
    void oneM2mRequest(byte[] datagram) {
        Message message;
        try {
            message = MessageCodec.decode(datagram);
        } catch (MessageFormatException rejected) {
            return;
        }
        if (!message.isRequest()) {
            return;
        }
        try {
            RequestPrimitive primitive = RequestMapping.fromCoap(CoapRequest.of(PEER, message));
            byte[] content = primitive.content();
            assertThat(content == null ? 0 : content.length).isLessThanOrEqualTo(datagram.length);
        } catch (OneM2mBindingException rejected) {
            assertThat(rejected.code()).isNotNull();
        }
    }

    /**
     * A oneM2M response primitive read from a CoAP response (TS-0008 clause 6.2.4), as a client reads the answer
     * to each operation: a primitive or OneM2mBindingException, its Content and location within the datagram.
     */
    @FuzzTest
    void oneM2mResponse(byte[] datagram) {
        Message message;
        try {
            message = MessageCodec.decode(datagram);
        } catch (MessageFormatException rejected) {
            return;
        }
        if (!message.isResponse()) {
            return;
        }
        CoapResponse response = CoapResponse.of(message);
        for (Operation operation : Operation.values()) {
            try {
                ResponsePrimitive primitive = ResponseMapping.fromCoap(response, operation);
                assertThat(primitive.content().length).isLessThanOrEqualTo(datagram.length);
                long locationChars = primitive.location().stream().mapToLong(String::length).sum();
                assertThat(locationChars).isLessThanOrEqualTo(2L * datagram.length);
                assertThat(primitive.statusCode()).isBetween(1000, 6999);
                assertThat(primitive.toString()).contains(primitive.statusName());
            } catch (OneM2mBindingException rejected) {
                assertThat(rejected.code()).isNotNull();
            }
        }
    }

    /** RFC 7252 section 6.4 and RFC 3986: a URI or IllegalArgumentException. */
    @FuzzTest
    void uri(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        CoapUri uri;
        try {
            uri = CoapUri.parse(text);
        } catch (IllegalArgumentException rejected) {
            return;
        }
        List<Option> options = uri.toOptions();
        long optionBytes = options.stream().mapToLong(option -> option.value().length).sum();
        assertThat(optionBytes).isLessThanOrEqualTo(2L * text.getBytes(StandardCharsets.UTF_8).length + 16);
        assertThat(CoapUri.parse(uri.toString())).isEqualTo(uri);
    }

    /** RFC 6690 link format: links or LinkFormatException, never more links than bytes. */
    @FuzzTest
    void linkFormat(byte[] payload) {
        List<Link> links;
        try {
            links = LinkFormat.parse(payload);
        } catch (LinkFormatException rejected) {
            return;
        }
        assertThat(links.size()).isLessThanOrEqualTo(payload.length);
    }

    /** RFC 6690 section 4.1 query filter: a filter or IllegalArgumentException. */
    @FuzzTest
    void linkFilter(byte[] input) {
        String queryArgument = new String(input, StandardCharsets.UTF_8);
        try {
            LinkFilter.parse(queryArgument);
        } catch (IllegalArgumentException rejected) {
            // declared
        }
    }
}
