package io.coaps4j.cli.store;

/** A caller asked for an entry name the store does not accept; the message says why. */
public final class InvalidEntryNameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidEntryNameException(String message) {
        super(message);
    }
}
