package io.coaps4j.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.store.DurableStore;
import io.coaps4j.coap.exchange.CoapResponse;
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

        CoapResponse reply = service.get("x");

        assertThat(reply.code()).isEqualTo(Code.CONTENT);
        assertThat(reply.contentFormat()).hasValue(0);
        assertThat(reply.payloadAsString()).isEqualTo("v2");
    }

    @Test
    void anEntryStoredWithoutContentFormatIsServedWithoutOne() {
        service.store("raw", OptionalInt.empty(), new byte[] {1, 2, 3});

        CoapResponse reply = service.get("raw");

        assertThat(reply.contentFormat()).isEmpty();
        assertThat(reply.payload()).containsExactly(1, 2, 3);
    }

    @Test
    void absentEntriesAreNotFoundForGetAndDelete() {
        assertThat(service.get("nothing")).isEqualTo(CoapResponse.of(Code.NOT_FOUND));
        assertThat(service.delete("nothing")).isEqualTo(CoapResponse.of(Code.NOT_FOUND));
    }

    @Test
    void deleteRemovesAndReportsDeleted() {
        service.store("x", OptionalInt.of(0), utf8("v"));

        assertThat(service.delete("x")).isEqualTo(CoapResponse.of(Code.DELETED));
        assertThat(service.get("x").code()).isEqualTo(Code.NOT_FOUND);
    }

    @Test
    void traversalNamesAreBadRequestsAndTouchNothing() throws IOException {
        Path outside = dataDir.resolveSibling(dataDir.getFileName() + "-outside.entry");

        CoapResponse reply = service.store("..", OptionalInt.of(0), utf8("escape"));
        CoapResponse viaGet = service.get("../" + outside.getFileName());

        assertThat(reply.code()).isEqualTo(Code.BAD_REQUEST);
        assertThat(reply.contentFormat()).isEmpty();
        assertThat(reply.payloadAsString()).contains("may hold only letters");
        assertThat(viaGet.code()).isEqualTo(Code.BAD_REQUEST);
        assertThat(Files.exists(outside)).isFalse();
        try (var files = Files.list(dataDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aStorageFailureIsAnInternalServerErrorWithoutDetails() throws IOException {
        Files.write(dataDir.resolve("broken.entry"), utf8("not an entry"));

        CoapResponse reply = service.get("broken");

        assertThat(reply.code()).isEqualTo(Code.INTERNAL_SERVER_ERROR);
        assertThat(reply.payloadAsString()).isEqualTo("storage failure");
    }
}
