package io.coaps4j.bench.process;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MachineCpuTest {

    @Test
    void busyIsEverythingButIdleAndIowaitIncludingSteal() {
        // cpu user nice system idle iowait irq softirq steal guest guest_nice
        assertThat(MachineCpu.parseBusyTicks("cpu  55469 1 9749 176708 282 2 991 338 7 0"))
                .isEqualTo(55469 + 1 + 9749 + 2 + 991 + 338);
    }

    @Test
    void rejectsPerCpuAndForeignLines() {
        assertThatThrownBy(() -> MachineCpu.parseBusyTicks("cpu0 1 2 3 4 5 6 7 8")).hasMessageContaining("aggregate");
        assertThatThrownBy(() -> MachineCpu.parseBusyTicks("intr 1 2")).hasMessageContaining("aggregate");
    }

    @Test
    void machineBusyTimeCoversOurOwnBusyTime() throws Exception {
        long ticksPerSecond = ClockTicks.perSecond();
        MachineCpu machine = MachineCpu.of(ticksPerSecond);
        ProcessCpu self = ProcessCpu.of(ProcessHandle.current().pid(), ticksPerSecond);
        long machineBefore = machine.busyTicks();
        long selfBefore = self.ticks();
        long end = System.nanoTime() + 300_000_000L;
        long x = 0;
        while (System.nanoTime() < end) {
            x += x * 31 + 7;
        }
        long selfTicks = self.ticks() - selfBefore;
        long machineTicks = machine.busyTicks() - machineBefore;
        assertThat(x).isNotEqualTo(1);
        assertThat(selfTicks).isPositive();
        // The machine's busy time includes ours (allowing a tick of sampling skew per CPU).
        assertThat(machineTicks).isGreaterThanOrEqualTo(selfTicks - Runtime.getRuntime().availableProcessors());
    }
}
