package org.mtabaseline.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import org.mtabaseline.collect.Collectors;
import org.mtabaseline.collect.ConfigFile;

/**
 * Companion to {@link PostfixParseBenchmark} for a shared, overloaded machine: reports the median *CPU* time of
 * the same 1 MiB collection (thread CPU time is not inflated by other processes waiting for the cores), next to
 * the wall-clock median. Run: {@code ./mvnw -B -Pbench test-compile exec:exec
 * -Dbench.main=org.mtabaseline.bench.PostfixParseCpuTime}
 */
public final class PostfixParseCpuTime {
    private PostfixParseCpuTime() {
    }

    public static void main(String[] args) {
        List<ConfigFile> files = PostfixParseBenchmark.generate(PostfixParseBenchmark.TOTAL_BYTES);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 30; i++) {
            Collectors.collect("postfix", files); // warm-up
        }
        int n = 60;
        double[] cpu = new double[n];
        double[] wall = new double[n];
        for (int i = 0; i < n; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            Collectors.collect("postfix", files);
            wall[i] = (System.nanoTime() - w0) / 1e6;
            cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        long bytes = files.stream().mapToLong(f -> f.content().length()).sum();
        System.out.printf("input %d chars (main.cf %d, master.cf %d), %d runs%n", bytes,
                files.get(0).content().length(), files.get(1).content().length(), n);
        System.out.printf("cpu  ms: median %.1f  p10 %.1f  p90 %.1f%n", cpu[n / 2], cpu[n / 10], cpu[n * 9 / 10]);
        System.out.printf("wall ms: median %.1f  p10 %.1f  p90 %.1f%n", wall[n / 2], wall[n / 10], wall[n * 9 / 10]);
    }
}
