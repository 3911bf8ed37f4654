package io.coaps4j.e2e;

import io.coaps4j.coap.message.Option;
import io.coaps4j.coap.message.OptionDefinition;
import io.coaps4j.coap.message.OptionFormat;
import io.coaps4j.coap.message.OptionRegistry;

/**
 * The option and content-format numbers of end-to-end protection (docs/E2E.md sections 4, 5 and 7), all
 * from the experimental ranges of RFC 7252 section 12.
 */
public final class E2eOptions {
    /**
     * The E2E option: critical (bit 0), safe-to-forward (bit 1 clear), part of the cache key (bits 2-4 are
     * 010), as OSCORE's option 9. In a request its value is the SA identifier, in a response it is empty.
     */
    public static final int E2E = 65001;
    /** Request-Binding: inner only, in protected responses: the request record's epoch ‖ sequence number. */
    public static final int REQUEST_BINDING = 65000;
    /** Content-Format of DTLS handshake records carried in CoAP payloads (CoDTLS style). */
    public static final int DTLS_RECORDS_CONTENT_FORMAT = 65000;
    /** Longest SA identifier. */
    public static final int MAX_SA_ID_LENGTH = 8;

    static final OptionDefinition E2E_DEFINITION = new OptionDefinition(E2E, "E2E", OptionFormat.OPAQUE, 0,
            MAX_SA_ID_LENGTH, false, OptionDefinition.Usage.BOTH);

    private E2eOptions() {
    }

    /** The option an application puts on a request to have it protected end to end with SA {@code saId}. */
    public static Option protectWith(byte[] saId) {
        checkSaId(saId);
        return Option.of(E2E, saId);
    }

    /** {@code registry} with the E2E option added: an engine running {@link E2eLayer} must recognise it. */
    public static OptionRegistry withE2e(OptionRegistry registry) {
        return registry.isDefined(E2E) ? registry : registry.toBuilder().add(E2E_DEFINITION).build();
    }

    static void checkSaId(byte[] saId) {
        if (saId == null || saId.length == 0 || saId.length > MAX_SA_ID_LENGTH) {
            throw new IllegalArgumentException("an SA identifier must be 1 to " + MAX_SA_ID_LENGTH + " bytes, was "
                    + (saId == null ? "null" : saId.length + " bytes"));
        }
    }
}
