package io.coaps4j.bench.run;

import io.coaps4j.bench.loadgen.WindowObserver;
import io.coaps4j.bench.process.MachineCpu;
import io.coaps4j.bench.process.ProcessCpu;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads the CPU clocks of the server process, the generator process and the whole machine at both ends of
 * the measured window.
 */
final class CpuWindow implements WindowObserver {
    private final ProcessCpu server;
    private final ProcessCpu generator;
    private final MachineCpu machine;
    private final long[] start = new long[3];
    private final long[] end = new long[3];

    CpuWindow(ProcessCpu server, ProcessCpu generator, MachineCpu machine) {
        this.server = server;
        this.generator = generator;
        this.machine = machine;
    }

    @Override
    public void beforeWindow() {
        read(start, "start");
    }

    @Override
    public void afterWindow() {
        read(end, "end (did the server die?)");
    }

    private void read(long[] into, String when) {
        try {
            into[0] = server.ticks();
            into[1] = generator.ticks();
            into[2] = machine.busyTicks();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CPU time at window " + when, e);
        }
    }

    long serverNanos() {
        return server.toNanos(end[0] - start[0]);
    }

    long generatorNanos() {
        return generator.toNanos(end[1] - start[1]);
    }

    long machineBusyNanos() {
        return machine.toNanos(end[2] - start[2]);
    }
}
