package io.coaps4j.bench.run;

/** One server's block2 run: {@code transfers} whole bodies of {@code bytes} each, their time and the server's CPU. */
record Block2Measurement(String server, int transfers, long bytes, long elapsedNanos, long serverCpuNanos) {

    double millisPerTransfer() {
        return transfers == 0 ? 0 : elapsedNanos / 1e6 / transfers;
    }

    double serverCpuMillisPerTransfer() {
        return transfers == 0 ? 0 : serverCpuNanos / 1e6 / transfers;
    }
}
