package io.coaps4j.cli;

import picocli.CommandLine.Option;

/**
 * {@code --trace}: print every CoAP message and DTLS record sent and received, one line each, on standard error
 * (the library's loggers {@code io.coaps4j.trace.coap} and {@code io.coaps4j.trace.dtls} at DEBUG). No keys, and
 * payloads only as a short escaped prefix.
 */
public final class TraceOption {
    /** The slf4j-simple setting of the trace loggers' level, read when each logger is made (at its first message). */
    static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.log.io.coaps4j.trace";

    @Option(names = "--trace", description = "print every CoAP message and DTLS record sent and received, one line"
            + " each, on standard error (no keys; payloads shortened)")
    void trace(boolean on) {
        if (on) {
            System.setProperty(LEVEL_PROPERTY, "debug");
        }
    }
}
