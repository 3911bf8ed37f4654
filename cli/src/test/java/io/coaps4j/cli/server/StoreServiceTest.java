package io.coaps4j.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.store.DurableStore;
import io.coaps4j.coap.message.Code;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreServiceTest {
    @TempDir
    Path dataDir;

    private StoreService service;

    @BeforeEach
    void openStore() throws IOException {
        service = new StoreService(DurableStore.open(dataDir));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void storeCreatesThenChangesAndGetReturnsTheContentFormatItWasStoredWith() {
        assertThat(service.store("x", OptionalInt.of(50), utf8("{}")).code()).isEqualTo(Code.CREATED);
        assertThat(service.store("x", OptionalInt.of(0), utf8("v2")).code()).isEqualTo(Code.CHANGED);

        Reply reply = service.get("x");

        assertThat(reply.code()).isEqualTo(Code.CONTENT);
        assertThat(reply.contentFormat()).hasValue(0);
        assertThat(reply.payloadText()).isEqualTo("v2");
    }

    @Test
    void anEntryStoredWithoutContentFormatIsServedWithoutOne() {
        service.store("raw", OptionalInt.empty(), new byte[] {1, 2, 3});

        Reply reply = service.get("raw");

        assertThat(reply.contentFormat()).isEmpty();
        assertThat(reply.payload()).containsExactly(1, 2, 3);
    }

    @Test
    void absentEntriesAreNotFoundForGetAndDelete() {
        assertThat(service.get("nothing")).isEqualTo(Reply.of(Code.NOT_FOUND));
        assertThat(service.delete("nothing")).isEqualTo(Reply.of(Code.NOT_FOUND));
    }

    @Test
    void deleteRemovesAndReportsDeleted() {
        service.store("x", OptionalInt.of(0), utf8("v"));

        assertThat(service.delete("x")).isEqualTo(Reply.of(Code.DELETED));
        assertThat(service.get("x").code()).isEqualTo(Code.NOT_FOUND);
    }

    @Test
    void traversalNamesAreBadRequestsAndTouchNothing() throws IOException {
        Path outside = dataDir.resolveSibling(dataDir.getFileName() + "-outside.entry");

        Reply reply = service.store("..", OptionalInt.of(0), utf8("escape"));
        Reply viaGet = service.get("../" + outside.getFileName());

        assertThat(reply.code()).isEqualTo(Code.BAD_REQUEST);
        assertThat(reply.contentFormat()).isEmpty();
        assertThat(reply.payloadText()).contains("may hold only letters");
        assertThat(viaGet.code()).isEqualTo(Code.BAD_REQUEST);
        assertThat(Files.exists(outside)).isFalse();
        try (var files = Files.list(dataDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aStorageFailureIsAnInternalServerErrorWithoutDetails() throws IOException {
        Files.write(dataDir.resolve("broken.entry"), utf8("not an entry"));

        Reply reply = service.get("broken");

        assertThat(reply.code()).isEqualTo(Code.INTERNAL_SERVER_ERROR);
        assertThat(reply.payloadText()).isEqualTo("storage failure");
    }
}
