package org.mtabaseline.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mtabaseline.rego.Rego;
import org.mtabaseline.rego.RegoCompiler;

/**
 * The controls read only what {@code policies/input.schema.json} declares, with the types it declares: the
 * pack type-checks with the schema as the type of {@code input} (as {@code opa check --schema} would).
 */
class PolicyInputSchemaTest {

    @Test
    void policiesTypeCheckAgainstTheirInputSchema() throws IOException {
        Path dir = PolicyRegoTest.policiesDir();
        Path schema = dir.resolve("input.schema.json");
        assertTrue(Files.isRegularFile(schema), "missing " + schema);
        RegoCompiler c = Rego.compiler().inputSchema(new ObjectMapper().readTree(schema.toFile()));
        List<Path> modules;
        try (Stream<Path> s = Files.walk(dir)) {
            modules = s.filter(f -> f.toString().endsWith(".rego") && !f.toString().endsWith("_test.rego")).sorted().toList();
        }
        for (Path m : modules) {
            c.module(dir.relativize(m).toString(), Files.readString(m));
        }
        assertDoesNotThrow(c::compile);
    }
}
