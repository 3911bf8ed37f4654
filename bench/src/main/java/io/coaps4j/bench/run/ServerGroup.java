package io.coaps4j.bench.run;

import io.coaps4j.bench.process.ServerProcess;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The servers of one security mode, each in a fresh process of its own, all started up front and idle until
 * their turn, stopped together at the end (or by the shutdown hook if the run is interrupted).
 */
final class ServerGroup implements AutoCloseable {
    private final ServerCatalog catalog;
    private final List<String> names;
    private final Map<String, ServerProcess> running = new LinkedHashMap<>();

    private ServerGroup(ServerCatalog catalog, List<String> names) {
        this.catalog = catalog;
        this.names = names;
    }

    /** Starts {@code names} of {@code catalog}; one that fails to start is recorded against {@code firstSuite}. */
    static ServerGroup start(RunContext context, ServerCatalog catalog, List<String> names, Suite firstSuite)
            throws InterruptedException {
        ServerGroup group = new ServerGroup(catalog, names);
        Runtime.getRuntime().addShutdownHook(new Thread(group::close));
        for (String name : names) {
            BenchedServer server = catalog.get(name);
            RunContext.progress("%s: starting (%s)", name, server.description());
            try {
                group.put(name, server.start(context.options));
            } catch (IOException e) {
                context.fail(firstSuite, name, "did not start: " + e.getMessage());
            }
        }
        return group;
    }

    private synchronized void put(String name, ServerProcess process) {
        running.put(name, process);
    }

    ServerCatalog catalog() {
        return catalog;
    }

    /** The names of the servers still running, in run order. */
    synchronized List<String> running() {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            if (running.containsKey(name)) {
                out.add(name);
            }
        }
        return out;
    }

    synchronized ServerProcess process(String name) {
        return running.get(name);
    }

    /** Stops one server that failed, so the later suites skip it. */
    synchronized void drop(String name) {
        stopQuietly(running.remove(name));
    }

    @Override
    public synchronized void close() {
        running.values().forEach(ServerGroup::stopQuietly);
        running.clear();
    }

    private static void stopQuietly(ServerProcess process) {
        if (process != null) {
            try {
                process.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
