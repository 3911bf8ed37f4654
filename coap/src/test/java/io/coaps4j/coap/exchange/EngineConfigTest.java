package io.coaps4j.coap.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coaps4j.coap.message.OptionNumber;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EngineConfigTest {

    @Test
    void defaultsAreSensible() {
        EngineConfig config = EngineConfig.DEFAULT;
        assertThat(config.tokenLength()).isEqualTo(8);
        assertThat(config.transmission().nstart()).isEqualTo(1);
        assertThat(config.recognizedOptions().isDefined(OptionNumber.URI_PATH)).isTrue();
        assertThat(config.recognizedOptions().isDefined(OptionNumber.BLOCK2)).as("block-wise not implemented").isFalse();
        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(config.peersCanBeLost()).as("plain UDP never loses a peer").isFalse();
        EngineConfig losing = config.toBuilder().peersCanBeLost(true).build();
        assertThat(losing.toBuilder().build()).isEqualTo(losing);
    }

    @Test
    void buildNamesTheWrongField() {
        assertThatThrownBy(() -> EngineConfig.builder().tokenLength(9).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokenLength");
        assertThatThrownBy(() -> EngineConfig.builder().separateResponseAfter(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("separateResponseAfter");
        assertThatThrownBy(() -> EngineConfig.builder().maxDeduplicationEntries(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDeduplicationEntries");
        assertThatThrownBy(() -> EngineConfig.builder().maxPeers(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPeers");
        assertThatThrownBy(() -> EngineConfig.builder().transmission(null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("transmission");
    }

    @Test
    void conflictingOrOutOfRangeLimitsAreRejected() {
        assertThatThrownBy(() -> EngineConfig.builder().separateResponseAfter(Duration.ofSeconds(93)).build())
                .as("the client gives up after MAX_TRANSMIT_WAIT (93 s): an empty ACK that late promises nothing")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAX_TRANSMIT_WAIT");
        assertThat(EngineConfig.builder().separateResponseAfter(Duration.ofSeconds(92)).build().separateResponseAfter())
                .hasSeconds(92);
        assertThat(EngineConfig.DEFAULT.maxMessageSize()).isEqualTo(EngineConfig.UDP_MAX_MESSAGE_SIZE);
        assertThatThrownBy(() -> EngineConfig.builder().maxMessageSize(10).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMessageSize");
        assertThatThrownBy(() -> EngineConfig.builder().maxMessageSize(70_000).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMessageSize");
        EngineConfig small = EngineConfig.builder().maxMessageSize(16_384).build();
        assertThat(small.toBuilder().build()).isEqualTo(small);
    }
}
