package io.coaps4j.bench.run;

import io.coaps4j.bench.loadgen.WindowObserver;
import io.coaps4j.bench.process.ProcessCpu;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads the CPU clocks of the server and of the generator process at both ends of the measured window. */
final class CpuWindow implements WindowObserver {
    private final ProcessCpu server;
    private final ProcessCpu generator;
    private long serverStart;
    private long serverEnd;
    private long generatorStart;
    private long generatorEnd;

    CpuWindow(ProcessCpu server, ProcessCpu generator) {
        this.server = server;
        this.generator = generator;
    }

    @Override
    public void beforeWindow() {
        try {
            serverStart = server.ticks();
            generatorStart = generator.ticks();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CPU time at window start", e);
        }
    }

    @Override
    public void afterWindow() {
        try {
            serverEnd = server.ticks();
            generatorEnd = generator.ticks();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CPU time at window end (did the server die?)", e);
        }
    }

    long serverNanos() {
        return server.toNanos(serverEnd - serverStart);
    }

    long generatorNanos() {
        return generator.toNanos(generatorEnd - generatorStart);
    }
}
