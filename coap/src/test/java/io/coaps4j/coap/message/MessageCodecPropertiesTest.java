package io.coaps4j.coap.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Round trips over random valid messages, and fuzzing of the decoder with random and mutated bytes. */
class MessageCodecPropertiesTest {

    @Property(tries = 2000)
    void decodeOfEncodeGivesTheMessageBack(@ForAll("messages") Message message) throws MessageFormatException {
        byte[] bytes = MessageCodec.encode(message);

        assertThat(bytes).hasSize(MessageCodec.encodedLength(message));
        Message decoded = MessageCodec.decode(bytes);
        assertThat(decoded).isEqualTo(message);
        assertThat(decoded.hashCode()).isEqualTo(message.hashCode());
    }

    @Property(tries = 2000)
    void encodeOfDecodeGivesTheBytesBack(@ForAll("messages") Message message) throws MessageFormatException {
        byte[] bytes = MessageCodec.encode(message);
        assertThat(MessageCodec.encode(MessageCodec.decode(bytes))).isEqualTo(bytes);
    }

    @Property(tries = 5000)
    void randomBytesEitherDecodeCanonicallyOrFailWithAFormatError(@ForAll @Size(max = 64) byte[] datagram) {
        assertDecodesCanonicallyOrRejects(datagram);
    }

    @Property(tries = 5000)
    void randomBodiesBehindAValidHeaderEitherDecodeCanonicallyOrFailWithAFormatError(
            @ForAll("headers") byte[] header, @ForAll @Size(max = 48) byte[] body) {
        // A version-1 header makes the decoder reach the option parser far more often than random bytes do.
        byte[] datagram = new byte[header.length + body.length];
        System.arraycopy(header, 0, datagram, 0, header.length);
        System.arraycopy(body, 0, datagram, header.length, body.length);
        assertDecodesCanonicallyOrRejects(datagram);
    }

    @Property(tries = 3000)
    void mutatedValidMessagesEitherDecodeCanonicallyOrFailWithAFormatError(
            @ForAll("messages") Message message, @ForAll int position, @ForAll byte replacement,
            @ForAll("truncation") int cut) {
        byte[] bytes = MessageCodec.encode(message);
        bytes[Math.floorMod(position, bytes.length)] = replacement;
        byte[] truncated = java.util.Arrays.copyOf(bytes, Math.max(0, bytes.length - cut));
        assertDecodesCanonicallyOrRejects(truncated);
    }

    /**
     * The only exception decode may throw is MessageFormatException, and since the encoding is
     * canonical every datagram that decodes re-encodes to exactly the same bytes.
     */
    private static void assertDecodesCanonicallyOrRejects(byte[] datagram) {
        Message message;
        try {
            message = MessageCodec.decode(datagram);
        } catch (MessageFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        assertThat(MessageCodec.encode(message)).isEqualTo(datagram);
    }

    @Provide
    Arbitrary<Integer> truncation() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 20)));
    }

    @Provide
    Arbitrary<byte[]> headers() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 8),
                Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 0xffff))
                .as((type, tokenLength, code, id) -> {
                    byte[] header = new byte[4 + tokenLength];
                    header[0] = (byte) (0x40 | type << 4 | tokenLength);
                    header[1] = (byte) (int) code;
                    header[2] = (byte) (id >>> 8);
                    header[3] = (byte) (int) id;
                    return header;
                });
    }

    @Provide
    Arbitrary<Message> messages() {
        Arbitrary<Message> empty = Combinators.combine(
                Arbitraries.of(MessageType.class), Arbitraries.integers().between(0, 0xffff))
                .as(Message::empty);
        Arbitrary<Message> full = Combinators.combine(
                Arbitraries.of(MessageType.class),
                Arbitraries.integers().between(1, 255).map(Code::of),
                Arbitraries.integers().between(0, 0xffff),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(8).map(Token::of),
                options(),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
                .as(Message::of);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, empty), net.jqwik.api.Tuple.of(9, full));
    }

    /** Option numbers cluster where the delta encoding changes form: 12/13, 268/269, and up to 65535. */
    private static Arbitrary<List<Option>> options() {
        Arbitrary<Integer> delta = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, 14)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(260, 280)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 20_000)));
        Arbitrary<Integer> length = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, 14)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(260, 280)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 600)));
        Arbitrary<int[]> pair = Combinators.combine(delta, length, Arbitraries.integers())
                .as((d, l, seed) -> new int[] {d, l, seed});
        return pair.list().ofMaxSize(10).map(pairs -> {
            List<Option> options = new ArrayList<>();
            int number = 0;
            for (int[] p : pairs) {
                number += p[0];
                if (number > 65535) {
                    break;
                }
                byte[] value = new byte[p[1]];
                new java.util.Random(p[2]).nextBytes(value);
                options.add(Option.of(number, value));
            }
            return options;
        });
    }
}
