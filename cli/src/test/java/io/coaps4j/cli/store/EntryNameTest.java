package io.coaps4j.cli.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntryNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"x", "sensor-1", "reading_2024.json", "A.b.c", "0", "_", "-"})
    void plainFileNamesAreAccepted(String name) {
        assertThat(EntryName.of(name).value()).isEqualTo(name);
        assertThat(EntryName.isValid(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "../x", "../../etc/passwd", "a/b", "a\\b", "/abs", ".hidden", ".tmp-1.part",
            "a\u0000b", "sp ace", "%2e%2e", "caf\u00e9", "a:b", "*"})
    void namesThatCouldEscapeTheFolderOrHideAreRejected(String name) {
        assertThat(EntryName.isValid(name)).isFalse();
        assertThatThrownBy(() -> EntryName.of(name))
                .isInstanceOf(InvalidEntryNameException.class)
                .hasMessageContaining("may hold only letters, digits");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 65})
    void emptyAndOverlongNamesAreRejected(int length) {
        String name = "a".repeat(length);
        assertThat(EntryName.isValid(name)).isFalse();
        assertThatThrownBy(() -> EntryName.of(name))
                .isInstanceOf(InvalidEntryNameException.class)
                .hasMessageContaining(length == 0 ? "empty" : "longer than 64");
    }

    @Test
    void theLongestNameIsAccepted() {
        assertThat(EntryName.of("b".repeat(EntryName.MAX_LENGTH)).value()).hasSize(64);
    }
}
