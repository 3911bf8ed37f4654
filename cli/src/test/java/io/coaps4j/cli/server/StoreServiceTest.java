package io.coaps4j.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.coaps4j.cli.store.DurableStore;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Message;
import io.coaps4j.coap.message.MessageType;
import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionNumber;
import io.coaps4j.coap.peer.PlainPeer;
import io.coaps4j.coap.server.CoapRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreServiceTest {
    private static final OptionalInt TEXT = OptionalInt.of(0);

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

    // ETags and conditional requests (RFC 7252 sections 5.10.6 and 5.10.8)

    private static Preconditions conditions(Option... options) {
        Message.Builder request = Message.builder().type(MessageType.CON).code(Code.PUT);
        for (Option option : options) {
            request.option(option);
        }
        return Preconditions.of(CoapRequest.of(new PlainPeer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5683)),
                request.build()));
    }

    private static Option ifMatch(byte[] etag) {
        return Option.of(OptionNumber.IF_MATCH, etag);
    }

    private static Option ifNoneMatch() {
        return Option.empty(OptionNumber.IF_NONE_MATCH);
    }

    private static byte[] etagOf(CoapResponse response) {
        return response.option(OptionNumber.ETAG).orElseThrow().value();
    }

    private String stored(String name) {
        return service.get(name).payloadAsString();
    }

    @Test
    void getPutAndPostAnswersCarryTheEtagOfTheStoredRepresentation() {
        byte[] created = etagOf(service.store("x", TEXT, utf8("one")));
        byte[] changed = etagOf(service.store("x", TEXT, utf8("two")));
        byte[] read = etagOf(service.get("x"));

        assertThat(created).hasSize(8).isNotEqualTo(changed);
        assertThat(read).isEqualTo(changed);
        assertThat(etagOf(service.store("y", TEXT, utf8("two")))).as("same content and format, same tag")
                .isEqualTo(changed);
        assertThat(etagOf(service.store("z", OptionalInt.of(50), utf8("two")))).as("another format, another tag")
                .isNotEqualTo(changed);
    }

    @Test
    void ifMatchWithTheCurrentEtagReplaces() {
        byte[] current = etagOf(service.store("x", TEXT, utf8("one")));

        CoapResponse reply = service.store("x", TEXT, utf8("two"), conditions(ifMatch(current)));

        assertThat(reply.code()).isEqualTo(Code.CHANGED);
        assertThat(stored("x")).isEqualTo("two");
    }

    @Test
    void ifMatchWithAStaleEtagIsRefusedAndChangesNothing() {
        byte[] stale = etagOf(service.store("x", TEXT, utf8("one")));
        service.store("x", TEXT, utf8("two"));

        CoapResponse reply = service.store("x", TEXT, utf8("three"), conditions(ifMatch(stale)));

        assertThat(reply.code()).isEqualTo(Code.PRECONDITION_FAILED);
        assertThat(stored("x")).isEqualTo("two");
    }

    @Test
    void ifMatchHoldsWhenAnyOfSeveralEtagsIsCurrent() {
        byte[] current = etagOf(service.store("x", TEXT, utf8("one")));

        CoapResponse reply = service.store("x", TEXT, utf8("two"), conditions(ifMatch(new byte[] {1, 2}), ifMatch(current)));

        assertThat(reply.code()).isEqualTo(Code.CHANGED);
    }

    @Test
    void anEmptyIfMatchRequiresOnlyThatAnEntryExists() {
        assertThat(service.store("x", TEXT, utf8("one"), conditions(ifMatch(new byte[0]))).code())
                .isEqualTo(Code.PRECONDITION_FAILED);
        assertThat(service.get("x").code()).isEqualTo(Code.NOT_FOUND);

        service.store("x", TEXT, utf8("one"));
        assertThat(service.store("x", TEXT, utf8("two"), conditions(ifMatch(new byte[0]))).code())
                .isEqualTo(Code.CHANGED);
    }

    @Test
    void ifNoneMatchCreatesOnlyAnEntryThatDoesNotExist() {
        assertThat(service.store("x", TEXT, utf8("first"), conditions(ifNoneMatch())).code()).isEqualTo(Code.CREATED);

        CoapResponse second = service.store("x", TEXT, utf8("second"), conditions(ifNoneMatch()));

        assertThat(second.code()).isEqualTo(Code.PRECONDITION_FAILED);
        assertThat(stored("x")).isEqualTo("first");
    }

    @Test
    void deleteWithAStaleEtagKeepsTheEntry() {
        byte[] stale = etagOf(service.store("x", TEXT, utf8("one")));
        byte[] current = etagOf(service.store("x", TEXT, utf8("two")));

        assertThat(service.delete("x", conditions(ifMatch(stale))).code()).isEqualTo(Code.PRECONDITION_FAILED);
        assertThat(stored("x")).isEqualTo("two");
        assertThat(service.delete("x", conditions(ifMatch(current))).code()).isEqualTo(Code.DELETED);
        assertThat(service.get("x").code()).isEqualTo(Code.NOT_FOUND);
    }

    @Test
    void aGetNamingTheCurrentEtagIsValidWithoutPayload() {
        byte[] current = etagOf(service.store("x", TEXT, utf8("payload")));

        CoapResponse valid = service.get("x", Preconditions.none(), List.of(Option.of(OptionNumber.ETAG, current)));
        CoapResponse stale = service.get("x", Preconditions.none(), List.of(Option.of(OptionNumber.ETAG, new byte[] {9})));

        assertThat(valid.code()).isEqualTo(Code.VALID);
        assertThat(etagOf(valid)).isEqualTo(current);
        assertThat(valid.payloadLength()).isZero();
        assertThat(stale.code()).isEqualTo(Code.CONTENT);
        assertThat(stale.payloadAsString()).isEqualTo("payload");
    }

    @Test
    void aGetWhosePreconditionFailsIsRefused() {
        service.store("x", TEXT, utf8("payload"));

        assertThat(service.get("x", conditions(ifNoneMatch()), List.of()).code()).isEqualTo(Code.PRECONDITION_FAILED);
        assertThat(service.get("x", conditions(ifMatch(new byte[] {1})), List.of()).code())
                .isEqualTo(Code.PRECONDITION_FAILED);
    }
}
