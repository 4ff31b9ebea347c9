package org.mtabaseline.rego.builtins.support.graphql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Definition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.DirectiveDefinition;

/** A validated schema (gqlparser's {@code ast.Schema}): types and directives by name, and the root types. */
public final class Schema {
    Definition query;
    Definition mutation;
    Definition subscription;
    String description = "";
    // insertion-ordered where Go iterates a map in random order, so that messages are stable
    final Map<String, Definition> types = new LinkedHashMap<>();
    final Map<String, DirectiveDefinition> directives = new LinkedHashMap<>();
    final Map<String, List<Definition>> possibleTypes = new LinkedHashMap<>();
    final Map<String, List<Definition>> implementsMap = new LinkedHashMap<>();

    Schema() {
    }

    void addPossibleType(String name, Definition def) {
        possibleTypes.computeIfAbsent(name, k -> new ArrayList<>()).add(def);
    }

    /** The object types an interface or union stands for. */
    List<Definition> possibleTypes(Definition def) {
        return possibleTypes.getOrDefault(def.name, List.of());
    }

    void addImplements(String name, Definition iface) {
        implementsMap.computeIfAbsent(name, k -> new ArrayList<>()).add(iface);
    }

    Definition type(String name) {
        return types.get(name);
    }

    /** The root type of an operation kind, or null. */
    Definition root(String operation) {
        return switch (operation) {
            case "query", "" -> query;
            case "mutation" -> mutation;
            case "subscription" -> subscription;
            default -> null;
        };
    }
}
