package org.mtabaseline.rego.ast;

import java.util.List;
import org.mtabaseline.rego.RegoVersion;

/** A parsed source file, with the Rego syntax it was parsed with. */
public record Module(String file, List<String> packagePath, Location packageLoc, List<Import> imports,
                     List<Rule> rules, List<Annotation> annotations, RegoVersion regoVersion) {

    public Module(String file, List<String> packagePath, Location packageLoc, List<Import> imports,
                  List<Rule> rules, List<Annotation> annotations) {
        this(file, packagePath, packageLoc, imports, rules, annotations, RegoVersion.V1);
    }

    /**
     * Whether OPA's Rego v1 checks apply (OPA's {@code regoV1Compatible}): a v1 module, or a v0 module that
     * imports {@code rego.v1}.
     */
    public boolean v1Compatible() {
        return regoVersion == RegoVersion.V1
                || imports.stream().anyMatch(i -> i.path().equals(List.of("rego", "v1")));
    }

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
