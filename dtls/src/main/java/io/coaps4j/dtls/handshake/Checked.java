package io.coaps4j.dtls.handshake;

import io.coaps4j.dtls.alert.DtlsException;

/**
 * The outcome of an offloaded check that fails with a protocol alert rather than an internal error (a
 * signature that does not verify, a point off the curve): the value, or the failure to raise back on the
 * event loop.
 *
 * @param <T> the value
 */
public final class Checked<T> {
    private final T value;
    private final DtlsException failure;

    private Checked(T value, DtlsException failure) {
        this.value = value;
        this.failure = failure;
    }

    public static <T> Checked<T> ok(T value) {
        return new Checked<>(value, null);
    }

    public static <T> Checked<T> failed(DtlsException failure) {
        return new Checked<>(null, failure);
    }

    /** The value, or the failure thrown. */
    public T get() throws DtlsException {
        if (failure != null) {
            throw failure;
        }
        return value;
    }
}
