package org.mtabaseline.rego.builtins;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The table from builtin name to function. {@link #standard()} holds every family listed in
 * {@link BuiltinFamilies}.
 *
 * <p>How to add a family: write {@code rego/builtins/FooBuiltins.java} with
 * {@code public static void register(BuiltinRegistry r)} that calls
 * {@code r.register("foo.bar", 2, (ctx, a) -> ...)} for each function (use {@link Args} to read
 * operands with OPA's error messages), then add {@code FooBuiltins::register} to
 * {@link BuiltinFamilies#FAMILIES}. Nothing else changes: the compiler checks names and arity from
 * this table and the evaluator calls through it.
 */
public final class BuiltinRegistry {
    private static final BuiltinRegistry STANDARD = createStandard();

    private final Map<String, BuiltinFunction> functions = new TreeMap<>();
    /** The same table hashed: the evaluator looks a builtin up on every call. */
    private final Map<String, BuiltinFunction> byName = new HashMap<>();
    /** Names of the relations (walk): asked about every call the evaluator meets, so kept as a tiny array. */
    private final Set<String> relations = new HashSet<>();
    private String[] relationNames = new String[0];

    /** The registry with every standard family; shared and read-only once built. */
    public static BuiltinRegistry standard() {
        return STANDARD;
    }

    private static BuiltinRegistry createStandard() {
        BuiltinRegistry r = new BuiltinRegistry();
        BuiltinFamilies.FAMILIES.forEach(f -> f.accept(r));
        return r;
    }

    /** Registers a function; a later registration of the same name replaces the earlier one. */
    public BuiltinRegistry register(String name, int arity, Builtin impl) {
        add(new BuiltinFunction(name, arity, false, impl));
        return this;
    }

    /** Registers a relation: impl returns an array of results, each one a solution. */
    public BuiltinRegistry registerRelation(String name, int arity, Builtin impl) {
        add(new BuiltinFunction(name, arity, true, impl));
        return this;
    }

    private void add(BuiltinFunction f) {
        functions.put(f.name(), f);
        byName.put(f.name(), f);
        if (f.relation()) {
            relations.add(f.name());
        } else {
            relations.remove(f.name());
        }
        relationNames = relations.toArray(new String[0]);
    }

    /** The function of that name, or null. */
    public BuiltinFunction get(String name) {
        return byName.get(name);
    }

    /** True if name is a registered relation (its result is a set of alternatives). */
    public boolean isRelation(String name) {
        for (String r : relationNames) {
            if (r == name || r.equals(name)) {
                return true;
            }
        }
        return false;
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** All functions by name. */
    public Map<String, BuiltinFunction> all() {
        return Collections.unmodifiableMap(functions);
    }
}
