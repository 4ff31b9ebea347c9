package org.mtabaseline.rego;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.Json;
import org.mtabaseline.rego.value.Value;

/**
 * Runs every case of OPA's conformance suite as a dynamic test: {@code cases/v1} with the Rego v1 parser,
 * {@code cases/v0} with the v0 parser (as OPA's reference runner does). Cases of the folders listed in
 * {@code rego/conformance-in-scope.txt} ({@code v1/<folder>}, {@code v0/<folder>}) must pass; others are run,
 * counted and reported (aborted, not failed). Writes {@code target/conformance.tsv}.
 */
class RegoConformanceTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** folder -> [cases, passed, failed, skipped] */
    private static final Map<String, int[]> COUNTS = new ConcurrentHashMap<>();
    private static final Map<String, String> FAILURES = new ConcurrentHashMap<>();

    static Path conformanceDir() {
        String env = System.getenv("MTA_BASELINE_OPA_CONFORMANCE");
        if (env == null) {
            env = System.getProperty("mta-baseline.opa-conformance");
        }
        if (env != null) {
            return Paths.get(env);
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared/opa-conformance");
            if (Files.isDirectory(c.resolve("cases"))) {
                return c;
            }
        }
        throw new IllegalStateException("OPA conformance suite not found: set MTA_BASELINE_OPA_CONFORMANCE or place "
                + "shared/opa-conformance above the project directory");
    }

    static Set<String> inScope() throws IOException {
        try (var in = RegoConformanceTest.class.getResourceAsStream("/rego/conformance-in-scope.txt")) {
            if (in == null) {
                throw new IllegalStateException("rego/conformance-in-scope.txt missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toSet());
        }
    }

    @TestFactory
    Stream<DynamicNode> opaConformanceV1() throws IOException {
        return suite(RegoVersion.V1);
    }

    @TestFactory
    Stream<DynamicNode> opaConformanceV0() throws IOException {
        return suite(RegoVersion.V0);
    }

    private static Stream<DynamicNode> suite(RegoVersion version) throws IOException {
        Path cases = conformanceDir().resolve("cases");
        String prefix = version == RegoVersion.V0 ? "v0" : "v1";
        Path dir = cases.resolve(prefix);
        Set<String> scope = inScope();
        TreeMap<String, List<Path>> byFolder = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> {
                String folder = cases.relativize(f.getParent()).toString().replace('\\', '/');
                byFolder.computeIfAbsent(folder, k -> new ArrayList<>()).add(f);
            });
        }
        assertFalse(byFolder.isEmpty(), "no conformance cases under " + dir);
        for (String s : scope) {
            if (s.startsWith(prefix + "/") && !byFolder.containsKey(s)) {
                fail("in-scope folder " + s + " does not exist in the conformance suite");
            }
        }
        // -Dconformance.filter=<text> runs only cases whose name contains it (for debugging)
        String filter = System.getProperty("conformance.filter");
        List<DynamicNode> containers = new ArrayList<>();
        for (Map.Entry<String, List<Path>> e : byFolder.entrySet()) {
            String folder = e.getKey();
            boolean required = scope.contains(folder);
            COUNTS.put(folder, new int[4]);
            List<DynamicNode> tests = new ArrayList<>();
            for (Path f : e.getValue()) {
                JsonNode doc = YAML.readTree(f.toFile());
                int idx = 0;
                for (JsonNode c : doc.path("cases")) {
                    String name = f.getFileName() + "#" + idx + " " + c.path("note").asText();
                    idx++;
                    if (filter != null && !name.contains(filter) && !folder.contains(filter)) {
                        continue;
                    }
                    tests.add(DynamicTest.dynamicTest(name, () -> runCase(folder, required, name, c, version)));
                }
            }
            containers.add(DynamicContainer.dynamicContainer(folder + (required ? "" : " (not in scope)"), tests));
        }
        return containers.stream();
    }

    private static void runCase(String folder, boolean required, String name, JsonNode c, RegoVersion version) {
        int[] counts = COUNTS.get(folder);
        synchronized (counts) {
            counts[0]++;
        }
        String problem;
        try {
            problem = check(c, version);
        } catch (Throwable t) {
            problem = "crashed: " + t;
        }
        synchronized (counts) {
            if (problem == null) {
                counts[1]++;
            } else {
                counts[2]++;
            }
        }
        if (problem != null) {
            FAILURES.put(folder + " :: " + name, problem);
            if (required) {
                fail(problem);
            }
            Assumptions.abort("not in scope, fails: " + problem);
        }
    }

    /** Null if the case passes, else what went wrong. */
    static String check(JsonNode c, RegoVersion version) {
        RegoCompiler compiler = Rego.compiler().regoVersion(version)
                .experimentalKeywords(c.path("experimental_keywords").asBoolean(false));
        int i = 0;
        for (JsonNode m : c.path("modules")) {
            compiler.module("test-" + i++ + ".rego", m.asText());
        }
        if (c.has("data")) {
            compiler.data(c.get("data"));
        }
        boolean wantsError = c.has("want_error_code") || c.has("want_error");
        List<Map<String, Value>> rows;
        try {
            CompiledPolicy policy = compiler.compile();
            Value input = null;
            if (c.has("input_term")) {
                input = Rego.compiler().compile().prepare("x := " + c.get("input_term").asText())
                        .evalValue(null, EvalOptions.defaults()).valueRows().get(0).get("x");
            } else if (c.has("input")) {
                input = Json.fromJson(c.get("input"));
            }
            PreparedQuery q = policy.prepare(c.path("query").asText());
            EvalOptions opts = EvalOptions.defaults().withStrictBuiltinErrors(c.path("strict_error").asBoolean(false))
                    .withDeadline(Duration.ofSeconds(20));
            rows = q.evalValue(input, opts).valueRows();
        } catch (RegoCompileException | RegoEvalException e) {
            RegoError err = e instanceof RegoEvalException ee ? ee.error() : ((RegoCompileException) e).errors().get(0);
            if (!wantsError) {
                return "unexpected error: " + e.getMessage();
            }
            if (c.has("want_error_code") && !c.get("want_error_code").asText().equals(err.code())) {
                if (!(e instanceof RegoCompileException ce && ce.errors().stream()
                        .anyMatch(x -> x.code().equals(c.get("want_error_code").asText())))) {
                    return "want error code " + c.get("want_error_code").asText() + ", got " + e.getMessage();
                }
            }
            if (c.has("want_error") && !e.getMessage().contains(c.get("want_error").asText())
                    && !err.toString().contains(c.get("want_error").asText())) {
                return "want error containing '" + c.get("want_error").asText() + "', got " + e.getMessage();
            }
            return null;
        }
        if (wantsError) {
            return "want error " + c.path("want_error_code").asText() + " " + c.path("want_error").asText()
                    + ", got result " + rows;
        }
        boolean sort = c.path("sort_bindings").asBoolean(false);
        Set<Map<String, Value>> actual = new HashSet<>();
        for (Map<String, Value> r : rows) {
            Map<String, Value> m = new LinkedHashMap<>();
            r.forEach((k, v) -> {
                if (c.path("ignore_generated_vars").asBoolean(false) && k.startsWith("__localq")) {
                    return;
                }
                Value j = Json.fromJson(Json.toJson(v));
                if (sort && j instanceof ArrayValue a) {
                    List<Value> l = new ArrayList<>(a.list());
                    l.sort(null);
                    j = ArrayValue.of(l);
                }
                m.put(k, j);
            });
            actual.add(m);
        }
        Set<Map<String, Value>> expected = new HashSet<>();
        for (JsonNode r : c.path("want_result")) {
            Map<String, Value> m = new LinkedHashMap<>();
            r.fields().forEachRemaining(en -> m.put(en.getKey(), Json.fromJson(en.getValue())));
            expected.add(m);
        }
        if (!actual.equals(expected)) {
            return "want " + expected + ", got " + actual;
        }
        return null;
    }

    private static void row(StringBuilder sb, String name, int[] c) {
        sb.append(name).append('\t').append(c[0]).append('\t').append(c[1]).append('\t').append(c[2]).append('\t')
                .append(c[3]).append('\n');
    }

    @AfterAll
    static void writeReport() throws IOException {
        if (System.getProperty("conformance.filter") != null) {
            FAILURES.forEach((k, v) -> System.out.println("FAILED " + k + "\n    " + v));
            return;
        }
        StringBuilder sb = new StringBuilder();
        Map<String, int[]> totals = new TreeMap<>();
        for (Map.Entry<String, int[]> e : new TreeMap<>(COUNTS).entrySet()) {
            int[] c = e.getValue();
            row(sb, e.getKey(), c);
            String version = e.getKey().substring(0, e.getKey().indexOf('/'));
            for (String t : List.of("TOTAL-" + version, "TOTAL")) {
                int[] total = totals.computeIfAbsent(t, k -> new int[4]);
                for (int k = 0; k < 4; k++) {
                    total[k] += c[k];
                }
            }
        }
        // per-version totals first, the overall TOTAL last
        totals.forEach((k, v) -> {
            if (!k.equals("TOTAL")) {
                row(sb, k, v);
            }
        });
        row(sb, "TOTAL", totals.getOrDefault("TOTAL", new int[4]));
        Files.createDirectories(Paths.get("target"));
        Files.writeString(Paths.get("target/conformance.tsv"), sb.toString());
        StringBuilder f = new StringBuilder();
        new TreeMap<>(FAILURES).forEach((k, v) -> f.append(k).append("\n    ").append(v.replace("\n", " ")).append('\n'));
        Files.writeString(Paths.get("target/conformance-failures.txt"), f.toString());
    }
}
