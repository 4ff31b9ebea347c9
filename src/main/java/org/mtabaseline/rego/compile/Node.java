package org.mtabaseline.rego.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/** A node of the virtual document tree ({@code data.a.b}): rules placed here and child nodes. */
public final class Node {
    public final String path;
    public final List<String> segments;
    public final Map<Value, Node> children = new LinkedHashMap<>();
    public final List<RuleDef> rules = new ArrayList<>();
    public final List<RuleDef> functions = new ArrayList<>();
    public RuleDef defaultRule;
    /** True for a package's own node (defined as an object even without rules). */
    public boolean isPackage;

    Node(String path, List<String> segments) {
        this.path = path;
        this.segments = segments;
    }

    Node child(String key) {
        // interned like the parser's string constants, so that data.a.b lookups match on identity
        return children.computeIfAbsent(StringValue.of(key.intern()), k -> {
            List<String> s = new ArrayList<>(segments);
            s.add(key);
            return new Node((path + "." + key).intern(), List.copyOf(s));
        });
    }

    /** True unless the node holds only functions: such nodes are not part of data. */
    public boolean isDocument() {
        return !(children.isEmpty() && !hasValueRules() && !functions.isEmpty() && !isPackage);
    }

    /** Every definition placed here: value rules, functions, then the default rule (a new list). */
    public List<RuleDef> definitions() {
        List<RuleDef> defs = new ArrayList<>(rules.size() + functions.size() + 1);
        defs.addAll(rules);
        defs.addAll(functions);
        if (defaultRule != null) {
            defs.add(defaultRule);
        }
        return defs;
    }

    /** True if a value rule (not a function) is placed here. */
    public boolean hasValueRules() {
        return !rules.isEmpty() || defaultRule != null;
    }
}
