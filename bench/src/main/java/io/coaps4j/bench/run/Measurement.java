package io.coaps4j.bench.run;

import io.coaps4j.bench.loadgen.LoadResult;

/**
 * One server at one client count: what the generator saw, plus the CPU time the server process, the
 * generator process and the whole machine used in the same window, and the server's resident memory after it.
 */
record Measurement(String server, LoadResult load, long serverCpuNanos, long generatorCpuNanos, long machineBusyNanos,
                   long serverResidentBytes) {

    /** Server CPU per successful request in microseconds; NaN when nothing succeeded. */
    double serverCpuMicrosPerRequest() {
        return load.successes() == 0 ? Double.NaN : serverCpuNanos / 1e3 / load.successes();
    }

    /** Generator CPU per successful request in microseconds; NaN when nothing succeeded. */
    double generatorCpuMicrosPerRequest() {
        return load.successes() == 0 ? Double.NaN : generatorCpuNanos / 1e3 / load.successes();
    }

    /** Server CPU in cores over the window (1.0 = one core busy all the time). */
    double serverCores() {
        return (double) serverCpuNanos / load.windowNanos();
    }

    /** Cores busy with anything but this server and the generator (other users, steal), never below 0. */
    double otherCores() {
        return Math.max(0, (double) (machineBusyNanos - serverCpuNanos - generatorCpuNanos) / load.windowNanos());
    }
}
