package io.coaps4j.bench.run;

import io.coaps4j.bench.process.MachineCpu;
import io.coaps4j.bench.process.ProcessCpu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What every suite of one run shares: the options, the CPU clocks, the failures and the charts collected so far. */
final class RunContext {
    final BenchOptions options;
    final long ticksPerSecond;
    final ProcessCpu generatorCpu;
    final MachineCpu machineCpu;
    /** "suite/server" → why it was not (fully) measured. */
    final Map<String, String> failures = new LinkedHashMap<>();
    /** The charts of the report, in the order the suites ran. */
    final List<BarChart> charts = new ArrayList<>();

    RunContext(BenchOptions options, long ticksPerSecond, ProcessCpu generatorCpu, MachineCpu machineCpu) {
        this.options = options;
        this.ticksPerSecond = ticksPerSecond;
        this.generatorCpu = generatorCpu;
        this.machineCpu = machineCpu;
    }

    /** A window observer reading the CPU clocks of {@code serverPid}, this process and the machine. */
    CpuWindow cpuWindow(long serverPid) {
        return new CpuWindow(ProcessCpu.of(serverPid, ticksPerSecond), generatorCpu, machineCpu);
    }

    void fail(Suite suite, String server, String why) {
        failures.put(suite.label() + "/" + server, why);
        progress("%s: %s: FAILED: %s", suite.label(), server, why);
    }

    static void progress(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
    }
}
