package io.coaps4j.coap.blockwise;

import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.Option;
import java.util.Optional;

/**
 * The value of a Block1 or Block2 option (RFC 7959 section 2.2): block number NUM, the More flag M
 * and the size exponent SZX, the block size being 2^(SZX+4) bytes. SZX 7 is reserved (BERT, RFC 8323,
 * reliable transports only) and kept here so that a receiver can reject it.
 *
 * @param num  block number, 0..2^20-1 (three bytes of option value)
 * @param more M: more blocks follow (Block1 in a request, Block2 in a response)
 * @param szx  size exponent 0..7
 */
public record BlockOption(int num, boolean more, int szx) {
    /** The largest block number three bytes of option value can carry. */
    public static final int MAX_NUM = (1 << 20) - 1;
    /** The reserved size exponent of BERT (RFC 8323 section 6): never valid over UDP or DTLS. */
    public static final int BERT_SZX = 7;

    public BlockOption {
        if (num < 0 || num > MAX_NUM) {
            throw new IllegalArgumentException("block number must be 0.." + MAX_NUM + ", was " + num);
        }
        if (szx < 0 || szx > 7) {
            throw new IllegalArgumentException("SZX must be 0..7, was " + szx);
        }
    }

    /** The block size of {@code szx}: 16 shifted left by {@code szx} bytes. */
    public static int sizeOf(int szx) {
        return 16 << szx;
    }

    /** The SZX of a block size of 16..1024 bytes, a power of two; otherwise an exception naming the size. */
    public static int szxOf(int blockSize) {
        for (int szx = 0; szx <= 6; szx++) {
            if (sizeOf(szx) == blockSize) {
                return szx;
            }
        }
        throw new IllegalArgumentException("block size must be a power of two from 16 to 1024, was " + blockSize);
    }

    /** 2^(SZX+4) bytes. */
    public int size() {
        return sizeOf(szx);
    }

    /** The byte offset of this block in the body. */
    public long offset() {
        return (long) num << (szx + 4);
    }

    /** The option {@code number} (Block1 or Block2) carrying this value, in as few bytes as it needs. */
    public Option toOption(int number) {
        return Option.ofUint(number, ((long) num << 4) | (more ? 0x8 : 0) | szx);
    }

    /**
     * The {@code number} option of {@code message}, empty when absent; a value longer than three
     * bytes is a {@link IllegalArgumentException} (the caller answers 4.00 or drops it).
     */
    public static Optional<BlockOption> of(Message message, int number) {
        Optional<Option> option = message.option(number);
        if (option.isEmpty()) {
            return Optional.empty();
        }
        if (option.get().length() > 3) {
            throw new IllegalArgumentException("a block option has at most 3 bytes, had " + option.get().length());
        }
        long value = option.get().uintValue();
        return Optional.of(new BlockOption((int) (value >>> 4), (value & 0x8) != 0, (int) (value & 0x7)));
    }

    @Override
    public String toString() {
        return num + "/" + (more ? 1 : 0) + "/" + size();
    }
}
