package io.coaps4j.dtls.engine;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static io.coaps4j.dtls.engine.SessionStateFuzzTest.EXPORT_KEY;
import static io.coaps4j.dtls.engine.SessionStateFuzzTest.sealedExport;
import static io.coaps4j.dtls.engine.SessionStateFuzzTest.withinAllocationBound;
import static org.assertj.core.api.Assertions.assertThat;
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

    @Test
    void aTlvLengthPastTheEndAllocatesNothing() {
        // Once: 64 KiB allocated for the value of a TLV whose length (ffff) the 192 bytes cannot hold.
        byte[] file = sealedExport(hex("00000001040a0000039c4101c0a801012fefb1c2bab58f82dfa50f2ef32cf7989364c4af8b29"
                + "0b800a4f1b01669e59d63c38e0fcb55f9490a7915dacce085119206b544901214a2ddab82fec85c0b9fe0549c475be5b887b"
                + "b4b8995b24fb5c6846000000000000000000010008636c69656e742d310000010000000000000001c0a81035fa4077901a21"
                + "5ab99fa278bf280ee8be0d57db1038c74034a96fb35a999c23b2e34eea6038c859a50000000000000000001b01669e59d6"
                + "3c0109ffff"));
        Object result = withinAllocationBound(192, () -> {
            try {
                return SessionExport.open(file, EXPORT_KEY);
            } catch (SessionImportException declared) {
                return declared;
            }
        });
        assertThat(result).isInstanceOf(SessionImportException.class);
    }
}
