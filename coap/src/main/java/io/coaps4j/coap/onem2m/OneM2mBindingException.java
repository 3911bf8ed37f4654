package io.coaps4j.coap.onem2m;

import io.coaps4j.coap.message.Code;
import java.util.Optional;

/**
 * A CoAP message that does not map to a oneM2M primitive (TS-0008 clause 6): a mandatory parameter
 * missing, a oneM2M option repeated or of the wrong format, an unknown operation. Carries the CoAP
 * code and the Response Status Code a Receiver answers it with, and the Request Identifier when it
 * could be read.
 */
public final class OneM2mBindingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Code code;
    private final int statusCode;
    private final String requestIdentifier;

    OneM2mBindingException(Code code, int statusCode, String message) {
        this(code, statusCode, message, null);
    }

    OneM2mBindingException(Code code, int statusCode, String message, String requestIdentifier) {
        super(message);
        this.code = code;
        this.statusCode = statusCode;
        this.requestIdentifier = requestIdentifier;
    }

    /** The CoAP response code, e.g. 4.02 for a repeated oneM2M-RQI. */
    public Code code() {
        return code;
    }

    /** The Response Status Code, e.g. 4000 (BAD_REQUEST). */
    public int statusCode() {
        return statusCode;
    }

    public Optional<String> requestIdentifier() {
        return Optional.ofNullable(requestIdentifier);
    }

    OneM2mBindingException withRequestIdentifier(String rqi) {
        return rqi == null || requestIdentifier != null ? this
                : new OneM2mBindingException(code, statusCode, getMessage(), rqi);
    }
}
