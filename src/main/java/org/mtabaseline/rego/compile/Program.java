package org.mtabaseline.rego.compile;

import java.util.List;
import java.util.Map;
import org.mtabaseline.rego.ast.Module;
import org.mtabaseline.rego.builtins.BuiltinRegistry;
import org.mtabaseline.rego.value.Value;

/**
 * The immutable result of compilation: the rule tree over base data, functions by path and builtins, and
 * the types the checker inferred for the rules (queries are checked against them).
 */
public record Program(Node root, Value baseData, Map<String, List<RuleDef>> functions, BuiltinRegistry builtins,
                      List<Module> modules, Map<String, Integer> functionArity, TypeEnv types) {
}
