package io.coaps4j.coap.blockwise;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageCodec;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small message surgery the block-wise layer needs: options swapped, payload sliced, sizes measured. */
final class BlockMessages {
    /** Room for a token of 8, a block option, a size option, an ETag and the payload marker, with slack for deltas. */
    private static final int BLOCK_OVERHEAD = 8 + 4 + 5 + 10 + 1 + 4;

    private BlockMessages() {
    }

    /** {@code message} without the options {@code numbers}, plus {@code added}, carrying {@code payload}. */
    static Message with(Message message, byte[] payload, List<Option> added, int... numbers) {
        List<Option> options = new ArrayList<>(message.options().size() + added.size());
        for (Option option : message.options()) {
            if (!contains(numbers, option.number())) {
                options.add(option);
            }
        }
        options.addAll(added);
        return Message.of(message.type(), message.code(), message.messageId(), message.token(), options, payload);
    }

    /** {@code message} without the options {@code numbers}. */
    static Message without(Message message, int... numbers) {
        boolean any = false;
        for (int number : numbers) {
            any |= message.hasOption(number);
        }
        return any ? with(message, message.payload(), List.of(), numbers) : message;
    }

    /** A response of {@code code} with a diagnostic payload (RFC 7252 section 5.5.2) and {@code options}. */
    static Message error(Code code, String diagnostic, Option... options) {
        return Message.builder().type(io.coaps4j.coap.message.MessageType.ACK).code(code).options(List.of(options))
                .payload(diagnostic).build();
    }

    /**
     * The largest SZX up to {@code preferred} whose block, with {@code message}'s options and the
     * block-wise options, fits {@code maxMessageSize}; -1 when not even 16 bytes fit.
     */
    static int fittingSzx(Message message, int preferred, int maxMessageSize) {
        return fittingSzx(message, MessageCodec.encodedLength(message), preferred, maxMessageSize);
    }

    /** As {@link #fittingSzx(Message, int, int)}, with {@code message}'s encoded length already measured. */
    static int fittingSzx(Message message, int encodedLength, int preferred, int maxMessageSize) {
        int overhead = encodedLength - message.token().length() - payloadBytes(message) + BLOCK_OVERHEAD;
        for (int szx = preferred; szx >= 0; szx--) {
            if (overhead + BlockOption.sizeOf(szx) <= maxMessageSize) {
                return szx;
            }
        }
        return -1;
    }

    /** The encoded size of {@code message} once it carries a token of 8 bytes. */
    static int sizeWithToken(Message message) {
        return sizeWithToken(message, MessageCodec.encodedLength(message));
    }

    /** As {@link #sizeWithToken(Message)}, with {@code message}'s encoded length already measured. */
    static int sizeWithToken(Message message, int encodedLength) {
        return encodedLength - message.token().length() + 8;
    }

    /** The block option {@code number} of {@code message}; empty when absent or malformed (over 3 bytes). */
    static Optional<BlockOption> blockOf(Message message, int number) {
        try {
            return BlockOption.of(message, number);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** An ETag for a representation its producer gave none: the CRC-32 of its bytes (change detection, not security). */
    static Option etagOf(Message message) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(message.payloadView());
        long value = crc.getValue();
        return Option.of(OptionNumber.ETAG, new byte[] {(byte) (value >>> 24), (byte) (value >>> 16),
                (byte) (value >>> 8), (byte) value});
    }

    static boolean isSafeMethod(Code code) {
        return code.equals(Code.GET) || code.equals(Code.FETCH);
    }

    private static int payloadBytes(Message message) {
        return message.payloadLength() == 0 ? 0 : message.payloadLength() + 1;
    }

    private static boolean contains(int[] numbers, int number) {
        for (int n : numbers) {
            if (n == number) {
                return true;
            }
        }
        return false;
    }
}
