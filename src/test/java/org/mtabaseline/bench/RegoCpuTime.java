package org.mtabaseline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.mtabaseline.rego.PreparedQuery;
import org.mtabaseline.rego.Rego;
import org.mtabaseline.rego.RegoCompiler;

/**
 * The evaluation of {@link RegoBenchmark}, measured in CPU time of the evaluating thread rather than
 * wall clock: on a machine shared with other builds, wall-clock samples include the time the thread
 * waited for a core, thread CPU time does not (cache effects of the neighbours remain). Also reports
 * the bytes allocated per evaluation. Run:
 * {@code ./mvnw -B -Pbench test-compile exec:exec -Dbench.main=org.mtabaseline.bench.RegoCpuTime -Dbench="15 5000"}
 * (arguments: warm-up seconds, measured evaluations).
 */
public final class RegoCpuTime {
    private RegoCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        int warmupSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int evaluations = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        Path dir = policiesDir();
        Map<String, String> modules = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".rego") && !f.toString().endsWith("_test.rego"))
                    .sorted().toList()) {
                modules.put(dir.relativize(f).toString(), Files.readString(f));
            }
        }
        RegoCompiler compiler = Rego.compiler();
        modules.forEach(compiler::module);
        PreparedQuery controls = compiler.compile().prepare("data.mta.controls");
        JsonNode input;
        try (InputStream in = RegoCpuTime.class.getResourceAsStream("/facts/postfix-closed.json")) {
            if (in == null) {
                throw new IllegalStateException("test resource facts/postfix-closed.json missing");
            }
            input = new ObjectMapper().readTree(in);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long end = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            controls.eval(input).value();
        }
        long[] cpu = new long[evaluations];
        long allocated = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < evaluations; i++) {
            long start = threads.getCurrentThreadCpuTime();
            controls.eval(input).value();
            cpu[i] = threads.getCurrentThreadCpuTime() - start;
        }
        allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
        Arrays.sort(cpu);
        System.out.printf("evaluate data.mta.controls (Postfix asset), thread CPU time per evaluation: "
                        + "p10 %.1f us, median %.1f us, p90 %.1f us; %.0f KB allocated per evaluation; load %s%n",
                cpu[evaluations / 10] / 1e3, cpu[evaluations / 2] / 1e3, cpu[evaluations * 9 / 10] / 1e3,
                allocated / 1024.0 / evaluations, loadAverage());
    }

    private static String loadAverage() {
        return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static Path policiesDir() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("policies"))) {
                return p.resolve("policies");
            }
        }
        throw new IllegalStateException("policies/ not found above " + Paths.get("").toAbsolutePath());
    }
}
