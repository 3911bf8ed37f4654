package io.coaps4j.bench.run;

import io.coaps4j.bench.process.ServerProcess;

import java.io.IOException;

/** One server implementation under test: how to start it in its own process, serving GET /hello. */
interface BenchedServer {
    /** Short name used on the command line and in the table. */
    String name();

    /** What exactly runs (implementation, version, resource), for the report. */
    String description();

    /** Starts a fresh process and returns once it answers GET /hello with the common payload. */
    ServerProcess start(BenchOptions options) throws IOException, InterruptedException;
}
