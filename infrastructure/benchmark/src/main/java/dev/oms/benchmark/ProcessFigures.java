package dev.oms.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a cold-start JVM reports about itself when it is done, as one line:
 * {@code <ms from JVM start to done> <ms in the measured work> <process CPU ms> <peak RSS KiB>}.
 * The CPU time is the process's (every thread: JIT, GC, class loading); the peak RSS is Linux's {@code VmHWM}
 * (0 elsewhere).
 */
final class ProcessFigures {
    private ProcessFigures() { }

    static String line(long workStartNanos) {
        long done = System.nanoTime();
        long now = System.currentTimeMillis(); // read before the management classes load
        long sinceJvmStart = now - ManagementFactory.getRuntimeMXBean().getStartTime();
        long cpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        return sinceJvmStart + " " + (done - workStartNanos) / 1_000_000.0 + " " + cpuNanos / 1_000_000.0 + " " + peakRssKib();
    }

    private static long peakRssKib() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return 0;
    }
}
