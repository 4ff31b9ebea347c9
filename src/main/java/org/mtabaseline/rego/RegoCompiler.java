package org.mtabaseline.rego;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtabaseline.rego.ast.Module;
import org.mtabaseline.rego.builtins.BuiltinRegistry;
import org.mtabaseline.rego.compile.Compiler;
import org.mtabaseline.rego.compile.Program;
import org.mtabaseline.rego.parser.Parser;
import org.mtabaseline.rego.value.Json;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.Value;

/** Collects modules and base documents, then compiles them into a {@link CompiledPolicy}. */
public final class RegoCompiler {
    private final Map<String, String> modules = new LinkedHashMap<>();
    private Value data = ObjectValue.EMPTY;
    private BuiltinRegistry builtins = BuiltinRegistry.standard();
    private boolean experimentalKeywords;
    private RegoVersion regoVersion = RegoVersion.V1;
    private boolean strict;
    private JsonNode inputSchema;
    private final Map<String, JsonNode> schemas = new LinkedHashMap<>();

    RegoCompiler() {
    }

    /** Adds a module; the file name appears in error locations. */
    public RegoCompiler module(String file, String source) {
        modules.put(file, source);
        return this;
    }

    /** Base documents ({@code data}); null means none. */
    public RegoCompiler data(JsonNode json) {
        this.data = json == null ? ObjectValue.EMPTY : Json.fromJson(json);
        return this;
    }

    /** Base documents as a Rego value (may hold sets and non-string keys). */
    public RegoCompiler data(Value value) {
        this.data = value == null ? ObjectValue.EMPTY : value;
        return this;
    }

    /** Uses another builtin table (default: {@link BuiltinRegistry#standard()}). */
    public RegoCompiler builtins(BuiltinRegistry registry) {
        this.builtins = registry;
        return this;
    }

    /**
     * Opts in to OPA's experimental keywords (capabilities with experimental features): modules may then
     * {@code import future.keywords.and} / {@code future.keywords.or}. Off by default, as in OPA.
     */
    public RegoCompiler experimentalKeywords(boolean on) {
        this.experimentalKeywords = on;
        return this;
    }

    /**
     * The Rego syntax of the modules and of the queries prepared later (default {@link RegoVersion#V1}, OPA 1.x's;
     * {@link RegoVersion#V0} as {@code opa --v0-compatible}). A v0 module may still {@code import rego.v1}.
     */
    public RegoCompiler regoVersion(RegoVersion version) {
        this.regoVersion = java.util.Objects.requireNonNull(version);
        return this;
    }

    /**
     * OPA's strict compilation ({@code opa eval --strict}, {@code rego.Strict}): deprecated builtins, duplicate
     * imports and rules or {@code :=} variables named {@code input}/{@code data} are errors in every module, as
     * they always are in v1 modules and in v0 modules that import {@code rego.v1}; so are unused imports and unused local variables
     * ({@code assigned var x unused}, {@code declared var x unused}). Off by default.
     */
    public RegoCompiler strict(boolean on) {
        this.strict = on;
        return this;
    }

    /**
     * A JSON Schema for {@code input}: the type checker then knows its shape (as {@code opa eval --schema}),
     * instead of treating input as {@code any}; a reference to a property the schema does not declare is a
     * {@code rego_type_error}.
     */
    public RegoCompiler inputSchema(JsonNode schema) {
        this.inputSchema = schema;
        return this;
    }

    /**
     * A named JSON Schema, for METADATA annotations such as {@code schemas: [{input: schema.name}]} (the name
     * may be dotted: {@code k8s.pod} is {@code schema.k8s.pod}). With schemas given, such annotations are
     * applied when the annotated rules are type checked.
     */
    public RegoCompiler schema(String name, JsonNode schema) {
        schemas.put(name, schema);
        return this;
    }

    /** Parses and compiles everything; throws {@link RegoCompileException} listing every error. */
    public CompiledPolicy compile() {
        List<Module> parsed = new ArrayList<>();
        List<RegoError> errors = new ArrayList<>();
        for (Map.Entry<String, String> m : modules.entrySet()) {
            try {
                parsed.add(Parser.parseModule(m.getKey(), m.getValue(), regoVersion, experimentalKeywords));
            } catch (RegoCompileException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new RegoCompileException(errors);
        }
        Program program = new Compiler(builtins, strict).withSchemas(inputSchema, schemas).compile(parsed, data);
        return new CompiledPolicy(program, regoVersion);
    }
}
