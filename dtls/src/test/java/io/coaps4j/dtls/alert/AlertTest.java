package io.coaps4j.dtls.alert;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertTest {

    @Test
    void alertRoundTripsThroughTwoBytes() throws DecodeException {
        Alert alert = Alert.fatal(AlertDescription.DECRYPT_ERROR);
        assertThat(alert.encode()).containsExactly(2, 51);
        assertThat(Alert.decode(new byte[] {2, 51}, 0, 2)).isEqualTo(alert);
        assertThat(Alert.decode(new byte[] {1, 0}, 0, 2)).isEqualTo(Alert.closeNotify());
    }

    @Test
    void unknownDescriptionIsKeptAndNamed() throws DecodeException {
        Alert alert = Alert.decode(new byte[] {2, (byte) 200}, 0, 2);
        assertThat(alert.description().code()).isEqualTo(200);
        assertThat(alert.description().name()).isEqualTo("unknown(200)");
        assertThat(alert.isFatal()).isTrue();
    }

    @Test
    void unknownLevelIsTreatedAsFatal() throws DecodeException {
        assertThat(Alert.decode(new byte[] {7, 0}, 0, 2).isFatal()).isTrue();
    }

    @Test
    void alertOfWrongLengthIsMalformed() {
        assertThatThrownBy(() -> Alert.decode(new byte[3], 0, 3)).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> Alert.decode(new byte[1], 0, 1)).isInstanceOf(DecodeException.class);
    }

    @Test
    void everyFailureKindMapsToItsAlert() {
        assertThat(AlertMapping.alertFor(new DecodeException("x"))).isEqualTo(Alert.fatal(AlertDescription.DECODE_ERROR));
        assertThat(AlertMapping.descriptionFor(PeerMisbehavedException.unexpected("x")))
                .isEqualTo(AlertDescription.UNEXPECTED_MESSAGE);
        assertThat(AlertMapping.descriptionFor(PeerMisbehavedException.illegal("x")))
                .isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(AlertMapping.descriptionFor(new PeerMisbehavedException(PeerMisbehavedException.Kind.UNSOLICITED_EXTENSION, "x")))
                .isEqualTo(AlertDescription.UNSUPPORTED_EXTENSION);
        assertThat(AlertMapping.descriptionFor(new IncompatibleException(IncompatibleException.Kind.NO_COMMON_PARAMETERS, "x")))
                .isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
        assertThat(AlertMapping.descriptionFor(new IncompatibleException(IncompatibleException.Kind.PROTOCOL_VERSION, "x")))
                .isEqualTo(AlertDescription.PROTOCOL_VERSION);
        assertThat(AlertMapping.descriptionFor(new IncompatibleException(IncompatibleException.Kind.REQUIRED_FEATURE_MISSING, "x")))
                .isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
        assertThat(AlertMapping.descriptionFor(new AuthenticationFailedException("x")))
                .isEqualTo(AlertDescription.DECRYPT_ERROR);
        assertThat(AlertMapping.descriptionFor(new MisuseException("x"))).isEqualTo(AlertDescription.INTERNAL_ERROR);
    }
}
