package io.coaps4j.coap.blockwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Block option's encoding (RFC 7959 section 2.2) and the validation of its configuration. */
class BlockOptionTest {

    private static Message with(Option option) {
        return Message.builder().type(MessageType.CON).code(Code.GET).option(option).build();
    }

    @Test
    void encodesNumMoreAndSzxInAsFewBytesAsNeeded() {
        assertThat(new BlockOption(0, false, 0).toOption(OptionNumber.BLOCK2).value()).isEmpty();
        assertThat(new BlockOption(0, false, 6).toOption(OptionNumber.BLOCK2).value()).containsExactly(0x06);
        assertThat(new BlockOption(1, true, 6).toOption(OptionNumber.BLOCK1).value()).containsExactly(0x1E);
        assertThat(new BlockOption(16, false, 2).toOption(OptionNumber.BLOCK2).value()).containsExactly(0x01, 0x02);
        assertThat(new BlockOption(BlockOption.MAX_NUM, true, 7).toOption(OptionNumber.BLOCK1).value())
                .containsExactly(0xFF, 0xFF, 0xFF);
    }

    @Test
    void decodesWhatItEncodesAndRefusesAValueOverThreeBytes() {
        BlockOption block = new BlockOption(1234, true, 3);
        assertThat(BlockOption.of(with(block.toOption(OptionNumber.BLOCK1)), OptionNumber.BLOCK1)).hasValue(block);
        assertThat(block.size()).isEqualTo(128);
        assertThat(block.offset()).isEqualTo(1234L * 128);
        assertThat(BlockOption.of(with(Option.of(OptionNumber.BLOCK2, new byte[0])), OptionNumber.BLOCK2))
                .hasValue(new BlockOption(0, false, 0));
        assertThatThrownBy(() -> BlockOption.of(with(Option.of(OptionNumber.BLOCK1, new byte[] {1, 2, 3, 4})),
                OptionNumber.BLOCK1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 3 bytes");
    }

    @Test
    void aWrongValueOrConfigurationIsNamed() {
        assertThatThrownBy(() -> new BlockOption(-1, false, 0)).hasMessageContaining("block number");
        assertThatThrownBy(() -> new BlockOption(0, false, 8)).hasMessageContaining("SZX");
        assertThatThrownBy(() -> BlockwiseConfig.builder().blockSize(100).build())
                .hasMessageContaining("block size must be a power of two from 16 to 1024, was 100");
        assertThatThrownBy(() -> BlockwiseConfig.builder().maxBodySize(2 << 20).maxBufferedBytes(1 << 20).build())
                .hasMessageContaining("maxBufferedBytes");
        assertThatThrownBy(() -> BlockwiseConfig.builder().transferLifetime(Duration.ZERO).build())
                .hasMessageContaining("transferLifetime");
        assertThat(BlockwiseConfig.DEFAULT.szx()).isEqualTo(6);
        assertThat(BlockwiseConfig.DEFAULT.maxMessageSize()).isEqualTo(1_152);
    }
}
