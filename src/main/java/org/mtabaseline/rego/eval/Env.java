package org.mtabaseline.rego.eval;

import java.util.HashMap;
import java.util.Map;
import org.mtabaseline.rego.value.Value;

/** Variable bindings of one rule body (or query) evaluation. */
public final class Env {
    private final HashMap<String, Value> vars = new HashMap<>();

    public Value get(String name) {
        return vars.get(name);
    }

    boolean has(String name) {
        return vars.containsKey(name);
    }

    void bind(String name, Value v) {
        vars.put(name, v);
    }

    void unbind(String name) {
        vars.remove(name);
    }

    public Map<String, Value> all() {
        return vars;
    }
}
