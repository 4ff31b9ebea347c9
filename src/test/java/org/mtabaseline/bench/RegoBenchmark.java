package org.mtabaseline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.mtabaseline.rego.CompiledPolicy;
import org.mtabaseline.rego.PreparedQuery;
import org.mtabaseline.rego.QueryResult;
import org.mtabaseline.rego.Rego;
import org.mtabaseline.rego.RegoCompiler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The embedded Rego engine on the real policy pack: (a) compiling all of {@code policies/} (tests
 * excluded, as the service loads it) and (b) evaluating {@code data.mta.controls} for one Postfix asset
 * (test resource {@code facts/postfix-closed.json}), with 1 and 2 threads sharing one prepared query.
 * Run: {@code ./mvnw -B -Pbench test-compile exec:exec -Dbench=RegoBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xss8m"})
public class RegoBenchmark {
    private Map<String, String> modules;
    private PreparedQuery controls;
    private JsonNode postfixInput;

    @Setup
    public void setUp() throws IOException {
        Path dir = policiesDir();
        modules = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.toString().endsWith(".rego") && !f.toString().endsWith("_test.rego")).sorted()
                    .forEach(f -> {
                        try {
                            modules.put(dir.relativize(f).toString(), Files.readString(f));
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    });
        }
        if (modules.isEmpty()) {
            throw new IllegalStateException("no policies under " + dir);
        }
        controls = compile().prepare("data.mta.controls");
        try (InputStream in = RegoBenchmark.class.getResourceAsStream("/facts/postfix-closed.json")) {
            if (in == null) {
                throw new IllegalStateException("test resource facts/postfix-closed.json missing");
            }
            postfixInput = new ObjectMapper().readTree(in);
        }
        QueryResult r = controls.eval(postfixInput);
        if (r.value() == null || r.value().size() == 0) {
            throw new IllegalStateException("data.mta.controls is undefined or empty for the Postfix input");
        }
    }

    private static Path policiesDir() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("policies"))) {
                return p.resolve("policies");
            }
        }
        throw new IllegalStateException("policies/ not found above " + Paths.get("").toAbsolutePath());
    }

    private CompiledPolicy compile() {
        RegoCompiler c = Rego.compiler();
        modules.forEach(c::module);
        return c.compile();
    }

    /** (a) Parse and compile the whole pack. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public CompiledPolicy compilePack() {
        return compile();
    }

    /** (b) Evaluate every control for one Postfix asset, one thread. */
    @Benchmark
    @Threads(1)
    public JsonNode evaluatePostfixAsset1Thread() {
        return controls.eval(postfixInput).value();
    }

    /** (b) The same with two threads sharing the prepared query. */
    @Benchmark
    @Threads(2)
    public JsonNode evaluatePostfixAsset2Threads() {
        return controls.eval(postfixInput).value();
    }
}
