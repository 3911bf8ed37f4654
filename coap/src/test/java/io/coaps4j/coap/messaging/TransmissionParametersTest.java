package io.coaps4j.coap.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransmissionParametersTest {

    @Test
    void defaultsDeriveTheTimesOfSection482() {
        TransmissionParameters p = TransmissionParameters.DEFAULT;
        assertThat(p.maxTransmitSpan()).isEqualTo(Duration.ofSeconds(45));
        assertThat(p.maxTransmitWait()).isEqualTo(Duration.ofSeconds(93));
        assertThat(p.maxRtt()).isEqualTo(Duration.ofSeconds(202));
        assertThat(p.exchangeLifetime()).isEqualTo(Duration.ofSeconds(247));
        assertThat(p.nonLifetime()).isEqualTo(Duration.ofSeconds(145));
        assertThat(p.processingDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.nstart()).isEqualTo(1);
    }

    @Test
    void derivedTimesFollowTheBaseParameters() {
        TransmissionParameters p = TransmissionParameters.builder()
                .ackTimeout(Duration.ofSeconds(1)).ackRandomFactor(1.0).maxRetransmit(2).maxLatency(Duration.ofSeconds(10))
                .build();
        assertThat(p.maxTransmitSpan()).isEqualTo(Duration.ofSeconds(3));
        assertThat(p.maxTransmitWait()).isEqualTo(Duration.ofSeconds(7));
        assertThat(p.exchangeLifetime()).isEqualTo(Duration.ofSeconds(3 + 20 + 1));
        assertThat(p.nonLifetime()).isEqualTo(Duration.ofSeconds(13));
        assertThat(p.toBuilder().build()).isEqualTo(p);
    }

    @Test
    void buildNamesTheWrongField() {
        assertThatThrownBy(() -> TransmissionParameters.builder().ackTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ackTimeout");
        assertThatThrownBy(() -> TransmissionParameters.builder().ackRandomFactor(0.5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ackRandomFactor");
        assertThatThrownBy(() -> TransmissionParameters.builder().maxRetransmit(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRetransmit");
        assertThatThrownBy(() -> TransmissionParameters.builder().nstart(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nstart");
        assertThatThrownBy(() -> TransmissionParameters.builder().maxLatency(null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLatency");
    }
}
