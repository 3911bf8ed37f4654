package io.coaps4j.coap.server;

import io.coaps4j.coap.exchange.CoapResponse;
import io.coaps4j.coap.message.Code;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one place where a handler's failure becomes a response code: a {@link CoapException} answers
 * with its code and diagnostic; anything else is 5.00 without details, so internals never leak.
 */
public final class ErrorMapper {

    private ErrorMapper() {
    }

    public static CoapResponse toResponse(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CoapException) {
            CoapException coap = (CoapException) cause;
            CoapResponse.Builder builder = CoapResponse.builder(coap.code());
            if (coap.getMessage() != null) {
                builder.payload(coap.getMessage());
            }
            return builder.build();
        }
        return CoapResponse.of(Code.INTERNAL_SERVER_ERROR);
    }

    /** What a handler that returned null meant: nothing sensible, so 5.00. */
    static CoapResponse nullResponse() {
        return CoapResponse.of(Code.INTERNAL_SERVER_ERROR);
    }
}
