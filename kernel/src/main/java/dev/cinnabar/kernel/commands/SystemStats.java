package dev.cinnabar.kernel.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Process figures for INFO, read from {@code /proc} on Linux (zero elsewhere). */
final class SystemStats {

    /** Linux's USER_HZ: the unit of the CPU times in {@code /proc/self/stat}. */
    private static final long CLOCK_TICKS = 100;
    private static final long PAGE_SIZE = 4096;

    record Cpu(long userNanos, long systemNanos, long childrenUserNanos, long childrenSystemNanos) {
    }

    private SystemStats() {
    }

    static long rssBytes() {
        try {
            String[] f = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
            return Long.parseLong(f[1]) * PAGE_SIZE;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static Cpu processCpu() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // fields after the parenthesised command name, which may itself contain spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long tick = 1_000_000_000L / CLOCK_TICKS;
            return new Cpu(Long.parseLong(f[11]) * tick, Long.parseLong(f[12]) * tick,
                    Long.parseLong(f[13]) * tick, Long.parseLong(f[14]) * tick);
        } catch (IOException | RuntimeException e) {
            return new Cpu(0, 0, 0, 0);
        }
    }

    static long totalSystemMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
