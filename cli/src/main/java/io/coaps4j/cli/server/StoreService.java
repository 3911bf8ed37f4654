package io.coaps4j.cli.server;

import io.coaps4j.cli.store.DurableStore;
import io.coaps4j.cli.store.DurableStore.Outcome;
import io.coaps4j.cli.store.EntryName;
import io.coaps4j.cli.store.InvalidEntryNameException;
import io.coaps4j.cli.store.StoredRepresentation;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import io.coaps4j.coap.message.Option;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The behaviour of {@code /store/{name}} (RFC 7252 section 5.8): PUT and POST store the payload with
 * its Content-Format (2.01 Created the first time, 2.04 Changed after), GET returns it with that
 * Content-Format (2.05, or 4.04 when absent), DELETE removes it (2.02, or 4.04 when absent).
 * Every stored entry has an ETag, sent with 2.05, 2.01 and 2.04; a GET naming the current ETag gets
 * 2.03 Valid without the payload (section 5.10.6.2), and a request whose If-Match or If-None-Match does
 * not hold gets 4.12 and changes nothing (section 5.10.8).
 * A name the store refuses is a 4.00; a storage failure is a 5.00 whose details stay in the log.
 */
final class StoreService {
    private static final Logger LOG = LoggerFactory.getLogger(StoreService.class);

    private final DurableStore store;

    StoreService(DurableStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    CoapResponse get(String name) {
        return get(name, Preconditions.none(), List.of());
    }

    /** GET, if {@code conditions} hold; 2.03 Valid when the client holds one of the ETags {@code held}. */
    CoapResponse get(String name, Preconditions conditions, List<Option> held) {
        try {
            Optional<StoredRepresentation> stored = store.get(EntryName.of(name));
            if (!conditions.test(stored)) {
                return CoapResponse.of(Code.PRECONDITION_FAILED);
            }
            if (stored.isEmpty()) {
                return CoapResponse.of(Code.NOT_FOUND);
            }
            byte[] etag = stored.get().etag();
            if (isHeld(held, etag)) {
                return CoapResponse.builder(Code.VALID).etag(etag).build();
            }
            CoapResponse.Builder response = CoapResponse.builder(Code.CONTENT).etag(etag).payload(stored.get().payload());
            stored.get().contentFormat().ifPresent(response::contentFormat);
            return response.build();
        } catch (InvalidEntryNameException e) {
            return diagnostic(Code.BAD_REQUEST, e.getMessage());
        } catch (IOException e) {
            return storageFailure("read", name, e);
        }
    }

    /** RFC 7252 section 5.10.6.2: the client already holds the representation with one of these ETags. */
    private static boolean isHeld(List<Option> held, byte[] etag) {
        for (Option option : held) {
            if (Arrays.equals(option.value(), etag)) {
                return true;
            }
        }
        return false;
    }

    /** PUT and POST alike: store or replace. */
    CoapResponse store(String name, OptionalInt contentFormat, byte[] payload) {
        return store(name, contentFormat, payload, Preconditions.none());
    }

    /** PUT and POST alike: store or replace, if {@code conditions} hold. */
    CoapResponse store(String name, OptionalInt contentFormat, byte[] payload, Preconditions conditions) {
        try {
            StoredRepresentation representation = contentFormat.isPresent()
                    ? StoredRepresentation.of(contentFormat.getAsInt(), payload)
                    : StoredRepresentation.withoutContentFormat(payload);
            Outcome outcome = store.put(EntryName.of(name), representation, conditions);
            if (outcome == Outcome.CONDITION_FAILED) {
                return CoapResponse.of(Code.PRECONDITION_FAILED);
            }
            return CoapResponse.builder(outcome == Outcome.CREATED ? Code.CREATED : Code.CHANGED)
                    .etag(representation.etag()).build();
        } catch (InvalidEntryNameException e) {
            return diagnostic(Code.BAD_REQUEST, e.getMessage());
        } catch (IOException e) {
            return storageFailure("write", name, e);
        }
    }

    CoapResponse delete(String name) {
        return delete(name, Preconditions.none());
    }

    /** DELETE, if {@code conditions} hold. */
    CoapResponse delete(String name, Preconditions conditions) {
        try {
            return switch (store.delete(EntryName.of(name), conditions)) {
                case DELETED -> CoapResponse.of(Code.DELETED);
                case CONDITION_FAILED -> CoapResponse.of(Code.PRECONDITION_FAILED);
                default -> CoapResponse.of(Code.NOT_FOUND);
            };
        } catch (InvalidEntryNameException e) {
            return diagnostic(Code.BAD_REQUEST, e.getMessage());
        } catch (IOException e) {
            return storageFailure("delete", name, e);
        }
    }

    private static CoapResponse storageFailure(String action, String name, IOException e) {
        LOG.error("could not {} store entry '{}'", action, name, e);
        return diagnostic(Code.INTERNAL_SERVER_ERROR, "storage failure");
    }

    /** An error with a diagnostic payload: human-readable, without Content-Format (RFC 7252 section 5.5.2). */
    private static CoapResponse diagnostic(Code code, String message) {
        return CoapResponse.builder(code).payload(message).build();
    }
}
