package io.coaps4j.bench.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server under test running as its own operating-system process, so its CPU time can be read from
 * /proc apart from the load generator's. Output goes to a log file; closing stops the process.
 */
public final class ServerProcess implements AutoCloseable {
    private static final String READY = "READY ";
    private static final String GC_COMMAND = "GC\n";
    private static final String HEAP = "HEAP ";

    private final String name;
    private final Process process;
    private final InetSocketAddress address;
    /** Answers of a Java server to the GC command, read from its output; null for native servers. */
    private final BlockingQueue<Long> heapAnswers;

    private ServerProcess(String name, Process process, InetSocketAddress address, BlockingQueue<Long> heapAnswers) {
        this.name = name;
        this.process = process;
        this.address = address;
        this.heapAnswers = heapAnswers;
    }

    /**
     * Starts {@code mainClass} in a new JVM on {@code classpath} and waits for its "READY port" line.
     * The server binds {@code host} and an ephemeral port; {@code extraArgs} follow host and port.
     */
    public static ServerProcess startJava(String name, String classpath, String mainClass, List<String> jvmOptions,
                                          InetAddress host, List<String> extraArgs, Path logDir, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.add(host.getHostAddress());
        command.add("0");
        command.addAll(extraArgs);
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command)
                .redirectError(log.toFile())
                .start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        BlockingQueue<Long> heapAnswers = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> copyOutput(process, log, port, heapAnswers), name + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            int bound = port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ServerProcess(name, process, new InetSocketAddress(host, bound), heapAnswers);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException(name + " did not report READY within " + timeout + "; see " + log, e);
        }
    }

    /** Starts a native server on a known address; the caller checks readiness (it prints no READY line). */
    public static ServerProcess startNative(String name, List<String> command, InetSocketAddress address, Path logDir)
            throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ServerProcess(name, process, address, null);
    }

    private static void copyOutput(Process process, Path log, CompletableFuture<Integer> port, BlockingQueue<Long> heapAnswers) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter copy = new PrintWriter(Files.newBufferedWriter(log.resolveSibling(log.getFileName() + ".out")), true)) {
            String line;
            while ((line = out.readLine()) != null) {
                if (!port.isDone() && line.startsWith(READY)) {
                    port.complete(Integer.parseInt(line.substring(READY.length()).trim()));
                } else if (line.startsWith(HEAP)) {
                    heapAnswers.add(Long.parseLong(line.substring(HEAP.length()).trim()));
                }
                copy.println(line);
            }
        } catch (IOException | RuntimeException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IOException("output ended before a READY line"));
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public InetSocketAddress address() {
        return address;
    }

    /** Resident memory of the process now, in bytes, from VmRSS of /proc/&lt;pid&gt;/status; -1 if unreadable. */
    public long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // reported as unknown
        }
        return -1;
    }

    /**
     * Asks a Java server (one started by {@link #startJava}) for its heap in use after full collections, over
     * the control channel of its standard input.
     */
    public long heapAfterFullGc(Duration timeout) throws IOException, InterruptedException {
        if (heapAnswers == null) {
            throw new IllegalStateException(name + " is a native server without a control channel");
        }
        heapAnswers.clear();
        process.getOutputStream().write(GC_COMMAND.getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().flush();
        Long heap = heapAnswers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (heap == null) {
            throw new IOException(name + " did not report its heap within " + timeout);
        }
        return heap;
    }

    /** Whether {@link #heapAfterFullGc} can be asked. */
    public boolean reportsHeap() {
        return heapAnswers != null;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the process: end of standard input first (the Java servers exit on it), then SIGTERM, then SIGKILL. */
    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Already gone.
        }
        if (process.waitFor(3, TimeUnit.SECONDS)) {
            return;
        }
        process.destroy();
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(3, TimeUnit.SECONDS);
        }
    }
}
