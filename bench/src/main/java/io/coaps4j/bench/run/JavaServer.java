package io.coaps4j.bench.run;

import io.coaps4j.bench.process.ServerProcess;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A server main class of this module, run as its own JVM with the configured JVM options: from this JVM's
 * classpath, or for a baseline server from the classpath of the baseline build ({@code --baseline-classpath}),
 * so that two builds of coaps4j are measured in one run by the same generator.
 */
final class JavaServer implements BenchedServer {
    private final String name;
    private final String description;
    private final String mainClass;
    private final HelloProbe probe;
    private final List<String> extraArgs;
    private final boolean baseline;

    JavaServer(String name, String description, Class<?> mainClass, HelloProbe probe, String... extraArgs) {
        this(name, description, false, mainClass.getName(), probe, extraArgs);
    }

    private JavaServer(String name, String description, boolean baseline, String mainClass, HelloProbe probe,
                       String... extraArgs) {
        this.name = name;
        this.baseline = baseline;
        this.description = description;
        this.mainClass = mainClass;
        this.probe = probe;
        this.extraArgs = List.of(extraArgs);
    }

    /** The same server class run from the baseline build's classpath, under {@code name}. */
    JavaServer asBaseline(String baselineName) {
        return new JavaServer(baselineName, description + "; built from the baseline checkout (--baseline)", true,
                mainClass, probe, extraArgs.toArray(String[]::new));
    }

    /** The server's main class name. */
    String mainClassName() {
        return mainClass;
    }

    /**
     * Whether the classpath this server runs from has its main class: false for a baseline build from a commit
     * before the class existed.
     */
    boolean runsFrom(BenchOptions options) {
        if (!baseline) {
            return true;
        }
        String classpath = options.baselineClasspath().orElse("");
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                try {
                    urls.add(Path.of(entry).toUri().toURL());
                } catch (MalformedURLException e) {
                    // Not a usable entry: the JVM would skip it too.
                }
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), null)) {
            return loader.findResource(mainClass.replace('.', '/') + ".class") != null;
        } catch (IOException e) {
            return false;
        }
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
        String classpath = baseline
                ? options.baselineClasspath().orElseThrow(() -> new IllegalStateException(
                        name + " needs the baseline build's classpath (bench.sh --baseline REF)"))
                : System.getProperty("java.class.path");
        ServerProcess process = ServerProcess.startJava(name, classpath, mainClass, options.serverJvmOptions(), options.host(),
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
