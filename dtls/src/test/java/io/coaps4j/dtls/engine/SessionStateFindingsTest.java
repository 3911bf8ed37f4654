package io.coaps4j.dtls.engine;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static io.coaps4j.dtls.engine.SessionStateFuzzTest.EXPORT_KEY;
import static io.coaps4j.dtls.engine.SessionStateFuzzTest.sealedExport;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What fuzzing {@link SessionStateFuzzTest} found, each as the input that showed it. */
class SessionStateFindingsTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void anExportClaimingANegativeSessionCountIsRejected() {
        // Once: IllegalArgumentException "Illegal Capacity" from the list sized by the count.
        byte[] file = sealedExport(hex("c700000000"));
        assertThatThrownBy(() -> SessionExport.open(file, EXPORT_KEY)).isInstanceOf(SessionImportException.class)
                .hasMessageContaining("-956301312 sessions");
    }
}
