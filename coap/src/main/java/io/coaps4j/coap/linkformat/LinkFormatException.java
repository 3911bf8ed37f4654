package io.coaps4j.coap.linkformat;

/** A payload that is not valid CoRE Link Format (RFC 6690 section 2); names the index where parsing stopped. */
public final class LinkFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int index;

    LinkFormatException(String reason, int index) {
        super(reason + " at index " + index);
        this.index = index;
    }

    /** The character index in the parsed text where the error was found. */
    public int index() {
        return index;
    }
}
