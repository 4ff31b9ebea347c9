package org.mtabaseline.rego.ast;

import java.util.List;

/** A parsed source file. */
public record Module(String file, List<String> packagePath, Location packageLoc, List<Import> imports,
                     List<Rule> rules, List<Annotation> annotations) {

    /** {@code import data.a.b as c}: path is the whole ref (first element data or input). */
    public record Import(List<String> path, String alias, Location loc) {
        public String name() {
            return alias != null ? alias : path.get(path.size() - 1);
        }
    }

    /**
     * A {@code # METADATA} block: its parsed YAML, the rule (or null for the package) it annotates and its
     * scope (rule, document, package or subpackages; defaulted as OPA does).
     */
    public record Annotation(com.fasterxml.jackson.databind.JsonNode yaml, Location loc, Rule rule, String scope) {
    }
}
