package org.mtabaseline.rego;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs Rego unit tests as {@code opa test <dir>} does: loads every {@code *.rego} below a directory
 * and the base documents of {@code data.json} / {@code data.yaml} files (placed at their directory's
 * path, e.g. {@code lib/data.json} at {@code data.lib}), then evaluates every {@code test_} rule.
 * Other JSON files (such as schemas) are not data.
 */
public final class RegoTestRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path root;
    private final List<Path> regoFiles;
    private final CompiledPolicy policy;

    private RegoTestRunner(Path root, List<Path> regoFiles, CompiledPolicy policy) {
        this.root = root;
        this.regoFiles = regoFiles;
        this.policy = policy;
    }

    /** Loads and compiles the tree under root; throws RegoCompileException if it does not compile. */
    public static RegoTestRunner load(Path root) {
        return load(root, RegoVersion.V1);
    }

    /** As {@link #load(Path)}, the modules in the given Rego syntax ({@code opa test --v0-compatible} for V0). */
    public static RegoTestRunner load(Path root, RegoVersion version) {
        List<Path> rego = new ArrayList<>();
        List<Path> data = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).sorted().forEach(f -> {
                String n = f.getFileName().toString();
                if (n.endsWith(".rego")) {
                    rego.add(f);
                } else if (n.equals("data.json") || n.equals("data.yaml") || n.equals("data.yml")) {
                    data.add(f);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RegoCompiler c = Rego.compiler().regoVersion(version);
        for (Path f : rego) {
            c.module(root.relativize(f).toString().replace('\\', '/'), read(f));
        }
        ObjectNode docs = JSON.createObjectNode();
        for (Path f : data) {
            try {
                var node = f.getFileName().toString().endsWith(".json") ? JSON.readTree(f.toFile()) : YAML.readTree(f.toFile());
                ObjectNode at = docs;
                Path dir = root.relativize(f.getParent());
                for (Path seg : dir) {
                    if (!seg.toString().isEmpty()) {
                        at = at.has(seg.toString()) && at.get(seg.toString()).isObject()
                                ? (ObjectNode) at.get(seg.toString()) : at.putObject(seg.toString());
                    }
                }
                if (node != null && node.isObject()) {
                    at.setAll((ObjectNode) node);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read data file " + f, e);
            }
        }
        c.data(docs);
        return new RegoTestRunner(root, List.copyOf(rego), c.compile());
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    /** The Rego files loaded. */
    public List<Path> regoFiles() {
        return regoFiles;
    }

    public CompiledPolicy policy() {
        return policy;
    }

    /** Paths of all test rules. */
    public List<String> tests() {
        return policy.testRules();
    }

    /** Files (relative to root) that define at least one test rule. */
    public List<String> filesWithTests() {
        List<String> out = new ArrayList<>();
        for (var m : policy.modulesView()) {
            if (m.rules().stream().anyMatch(r -> r.name().startsWith("test_"))) {
                out.add(m.file());
            }
        }
        return out;
    }

    public RegoTestResult run(String testPath) {
        return policy.runTest(testPath);
    }
}
