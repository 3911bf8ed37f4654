package io.coaps4j.dtls.engine;

/**
 * A session export that cannot be imported: not an export, another version, truncated, tampered with or sealed
 * under another key. The message says which; nothing of the export is taken.
 */
public final class SessionImportException extends Exception {
    private static final long serialVersionUID = 1L;

    public SessionImportException(String message) {
        super(message);
    }
}
