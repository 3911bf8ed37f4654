package io.coaps4j.cli.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableStoreTest {
    @TempDir
    Path dataDir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void firstPutCreatesAndLaterPutsReplace() throws IOException {
        DurableStore store = DurableStore.open(dataDir);
        EntryName name = EntryName.of("x");

        assertThat(store.put(name, StoredRepresentation.of(0, utf8("one")))).isTrue();
        assertThat(store.put(name, StoredRepresentation.of(50, utf8("{\"v\":2}")))).isFalse();

        StoredRepresentation stored = store.get(name).orElseThrow();
        assertThat(stored.contentFormat()).hasValue(50);
        assertThat(new String(stored.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"v\":2}");
    }

    @Test
    void absentEntryIsEmptyAndDeleteReportsWhetherSomethingWasRemoved() throws IOException {
        DurableStore store = DurableStore.open(dataDir);
        EntryName name = EntryName.of("gone");

        assertThat(store.get(name)).isEmpty();
        assertThat(store.delete(name)).isFalse();
        store.put(name, StoredRepresentation.withoutContentFormat(utf8("v")));
        assertThat(store.delete(name)).isTrue();
        assertThat(store.get(name)).isEmpty();
        assertThat(store.delete(name)).isFalse();
    }

    @Test
    void aRestartedStoreSeesEverythingThatWasStored() throws IOException {
        DurableStore first = DurableStore.open(dataDir);
        first.put(EntryName.of("a"), StoredRepresentation.of(0, utf8("alpha")));
        first.put(EntryName.of("b.json"), StoredRepresentation.of(50, utf8("[1]")));
        first.put(EntryName.of("empty"), StoredRepresentation.withoutContentFormat(new byte[0]));
        first.put(EntryName.of("c"), StoredRepresentation.of(0, utf8("doomed")));
        first.delete(EntryName.of("c"));

        DurableStore second = DurableStore.open(dataDir);

        assertThat(second.names()).extracting(EntryName::value).containsExactly("a", "b.json", "empty");
        assertThat(second.get(EntryName.of("a"))).contains(StoredRepresentation.of(0, utf8("alpha")));
        assertThat(second.get(EntryName.of("b.json"))).contains(StoredRepresentation.of(50, utf8("[1]")));
        StoredRepresentation empty = second.get(EntryName.of("empty")).orElseThrow();
        assertThat(empty.contentFormat()).isEmpty();
        assertThat(empty.payloadLength()).isZero();
        assertThat(second.get(EntryName.of("c"))).isEmpty();
    }

    @Test
    void aWriteLeavesOnlyTheEntryFileBehind() throws IOException {
        DurableStore store = DurableStore.open(dataDir);
        store.put(EntryName.of("x"), StoredRepresentation.of(0, utf8("1")));
        store.put(EntryName.of("x"), StoredRepresentation.of(0, utf8("2")));

        assertThat(filesIn(dataDir)).containsExactly("x.entry");
    }

    @Test
    void anInterruptedWriteLeavesTheOldValueAndItsTemporaryFileIsRemovedOnOpen() throws IOException {
        DurableStore store = DurableStore.open(dataDir);
        store.put(EntryName.of("x"), StoredRepresentation.of(0, utf8("old")));
        // What a crash between writing the temporary file and renaming it leaves behind.
        Files.write(dataDir.resolve(".tmp-123.part"), utf8("C4J1 half-written"));

        DurableStore reopened = DurableStore.open(dataDir);

        assertThat(reopened.get(EntryName.of("x"))).contains(StoredRepresentation.of(0, utf8("old")));
        assertThat(reopened.names()).extracting(EntryName::value).containsExactly("x");
        assertThat(filesIn(dataDir)).containsExactly("x.entry");
    }

    @Test
    void aCorruptEntryFileIsReportedNotServed() throws IOException {
        DurableStore store = DurableStore.open(dataDir);
        Files.write(dataDir.resolve("bad.entry"), utf8("garbage"));

        assertThatThrownBy(() -> store.get(EntryName.of("bad")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("bad.entry")
                .hasMessageContaining("not a coaps4j store entry");
    }

    @Test
    void theStoreNeverWritesOutsideItsFolder() throws IOException {
        Path inner = dataDir.resolve("inner");
        DurableStore store = DurableStore.open(inner);
        store.put(EntryName.of("x"), StoredRepresentation.of(0, utf8("v")));

        assertThat(filesIn(dataDir)).containsExactly("inner");
        assertThat(filesIn(inner)).containsExactly("x.entry");
    }

    @Test
    void openingAFileInsteadOfAFolderFails() throws IOException {
        Path file = Files.write(dataDir.resolve("plain"), utf8("x"));

        assertThatThrownBy(() -> DurableStore.open(file)).isInstanceOf(IOException.class);
    }
}
