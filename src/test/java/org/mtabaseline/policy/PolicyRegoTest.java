package org.mtabaseline.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mtabaseline.rego.RegoTestResult;
import org.mtabaseline.rego.RegoTestRunner;

/** Runs every {@code test_} rule of {@code policies/} as {@code opa test policies/} would, one dynamic test each. */
class PolicyRegoTest {

    static Path policiesDir() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("policies"))) {
                return p.resolve("policies");
            }
            if (Files.isRegularFile(p.resolve("pom.xml"))) {
                return p.resolve("policies");
            }
        }
        throw new IllegalStateException("project directory (pom.xml) not found above " + Paths.get("").toAbsolutePath());
    }

    @TestFactory
    Stream<DynamicTest> everyPolicyTestRulePasses() throws IOException {
        Path dir = policiesDir();
        if (!Files.isDirectory(dir)) {
            return Stream.of(DynamicTest.dynamicTest("no policies directory", () -> assertTrue(true)));
        }
        List<String> testFiles;
        try (Stream<Path> s = Files.walk(dir)) {
            testFiles = s.filter(f -> f.toString().endsWith("_test.rego"))
                    .map(f -> dir.relativize(f).toString().replace('\\', '/')).sorted().collect(Collectors.toList());
        }
        RegoTestRunner runner = RegoTestRunner.load(dir);
        TreeSet<String> loaded = new TreeSet<>();
        runner.regoFiles().forEach(f -> loaded.add(dir.relativize(f).toString().replace('\\', '/')));
        for (String f : testFiles) {
            assertTrue(loaded.contains(f), "test file " + f + " was not loaded");
        }
        List<String> tests = runner.tests();
        TreeSet<String> withTests = new TreeSet<>(runner.filesWithTests());
        if (!testFiles.isEmpty()) {
            assertTrue(!tests.isEmpty() && !withTests.isEmpty(), "no test_ rules found in " + testFiles.size() + " test files");
        } else {
            assertEquals(List.of(), tests.stream().filter(t -> false).collect(Collectors.toList()));
        }
        return tests.stream().map(t -> DynamicTest.dynamicTest(t, () -> {
            RegoTestResult r = runner.run(t);
            if (r.error() != null) {
                fail(t + " errored: " + r.error() + (r.output().isEmpty() ? "" : "\nprint output:\n" + String.join("\n", r.output())));
            }
            if (!r.passed()) {
                fail(t + " failed" + (r.output().isEmpty() ? "" : "\nprint output:\n" + String.join("\n", r.output())));
            }
        }));
    }
}
