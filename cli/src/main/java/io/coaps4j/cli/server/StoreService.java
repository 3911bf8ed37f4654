package io.coaps4j.cli.server;

import io.coaps4j.cli.store.DurableStore;
import io.coaps4j.cli.store.EntryName;
import io.coaps4j.cli.store.InvalidEntryNameException;
import io.coaps4j.cli.store.StoredRepresentation;
import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The behaviour of {@code /store/{name}} (RFC 7252 section 5.8): PUT and POST store the payload with
 * its Content-Format (2.01 Created the first time, 2.04 Changed after), GET returns it with that
 * Content-Format (2.05, or 4.04 when absent), DELETE removes it (2.02, or 4.04 when absent).
 * A name the store refuses is a 4.00; a storage failure is a 5.00 whose details stay in the log.
 */
final class StoreService {
    private static final Logger LOG = LoggerFactory.getLogger(StoreService.class);

    private final DurableStore store;

    StoreService(DurableStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    CoapResponse get(String name) {
        try {
            Optional<StoredRepresentation> stored = store.get(EntryName.of(name));
            if (stored.isEmpty()) {
                return CoapResponse.of(Code.NOT_FOUND);
            }
            CoapResponse.Builder response = CoapResponse.builder(Code.CONTENT).payload(stored.get().payload());
            stored.get().contentFormat().ifPresent(response::contentFormat);
            return response.build();
        } catch (InvalidEntryNameException e) {
            return diagnostic(Code.BAD_REQUEST, e.getMessage());
        } catch (IOException e) {
            return storageFailure("read", name, e);
        }
    }

    /** PUT and POST alike: store or replace. */
    CoapResponse store(String name, OptionalInt contentFormat, byte[] payload) {
        try {
            StoredRepresentation representation = contentFormat.isPresent()
                    ? StoredRepresentation.of(contentFormat.getAsInt(), payload)
                    : StoredRepresentation.withoutContentFormat(payload);
            boolean created = store.put(EntryName.of(name), representation);
            return CoapResponse.of(created ? Code.CREATED : Code.CHANGED);
        } catch (InvalidEntryNameException e) {
            return diagnostic(Code.BAD_REQUEST, e.getMessage());
        } catch (IOException e) {
            return storageFailure("write", name, e);
        }
    }

    CoapResponse delete(String name) {
        try {
            return CoapResponse.of(store.delete(EntryName.of(name)) ? Code.DELETED : Code.NOT_FOUND);
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
