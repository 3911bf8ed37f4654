package io.coaps4j.coap.server;

import io.coaps4j.coap.message.Code;

/** Thrown by a handler to answer with {@link #code()} and the message as diagnostic payload (section 5.5.2). */
public class CoapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Code code;

    public CoapException(Code code, String diagnostic) {
        super(diagnostic);
        if (code == null || !(code.codeClass() == 4 || code.codeClass() == 5)) {
            throw new IllegalArgumentException("a CoapException carries an error code (4.xx or 5.xx), was " + code);
        }
        this.code = code;
    }

    public CoapException(Code code) {
        this(code, null);
    }

    public Code code() {
        return code;
    }
}
