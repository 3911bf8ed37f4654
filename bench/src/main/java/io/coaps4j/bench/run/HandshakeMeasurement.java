package io.coaps4j.bench.run;

import io.coaps4j.bench.loadgen.HandshakeResult;

/** One server's full-handshake run, with the CPU time of the server, the generator and the machine over its window. */
record HandshakeMeasurement(String server, HandshakeResult result, long serverCpuNanos, long generatorCpuNanos,
                            long machineBusyNanos) {

    /** Server CPU per completed new connection (cookie exchange, handshake, one GET, close_notify), in µs. */
    double serverCpuMicrosPerHandshake() {
        return result.completed() == 0 ? Double.NaN : serverCpuNanos / 1e3 / result.completed();
    }

    double generatorCpuMicrosPerHandshake() {
        return result.completed() == 0 ? Double.NaN : generatorCpuNanos / 1e3 / result.completed();
    }

    double serverCores() {
        return (double) serverCpuNanos / result.windowNanos();
    }

    double otherCores() {
        return Math.max(0, (double) (machineBusyNanos - serverCpuNanos - generatorCpuNanos) / result.windowNanos());
    }
}
