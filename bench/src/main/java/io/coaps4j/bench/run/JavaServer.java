package io.coaps4j.bench.run;

import io.coaps4j.bench.process.ServerProcess;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** A server main class of this module, run as its own JVM with the configured JVM options. */
final class JavaServer implements BenchedServer {
    private final String name;
    private final String description;
    private final String mainClass;
    private final HelloProbe probe;
    private final List<String> extraArgs;

    JavaServer(String name, String description, Class<?> mainClass, HelloProbe probe, String... extraArgs) {
        this.name = name;
        this.description = description;
        this.mainClass = mainClass.getName();
        this.probe = probe;
        this.extraArgs = List.of(extraArgs);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public ServerProcess start(BenchOptions options) throws IOException, InterruptedException {
        ServerProcess process = ServerProcess.startJava(name, mainClass, options.serverJvmOptions(), options.host(),
                extraArgs, options.logDir(), Duration.ofSeconds(30));
        try {
            probe.requireHello(name, process.address());
            return process;
        } catch (IOException e) {
            process.close();
            throw e;
        }
    }
}
