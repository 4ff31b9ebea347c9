package org.mtabaseline.rego.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.mtabaseline.rego.RegoError;
import org.mtabaseline.rego.RegoEvalException;
import org.mtabaseline.rego.ast.Location;
import org.mtabaseline.rego.ast.Term;
import org.mtabaseline.rego.compile.Node;
import org.mtabaseline.rego.compile.Program;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/**
 * What the evaluator's layers share: the program, the current with-scope ({@link State}: input, data,
 * mocks and the caches that are only valid under them), the continuation types and a few helpers on
 * values and patterns. The layers extend one another (TermEvaluator, Unifier, RuleEvaluator,
 * DocumentEvaluator, CallEvaluator, Evaluator) rather than hold one another: they are mutually
 * recursive on every step, so calls between them stay direct calls on one object and {@code with}
 * swaps one field.
 */
abstract class EvalState {
    /** Continuation after a successful step; false stops the search. */
    interface K {
        boolean run();
    }

    /** Continuation receiving a value. */
    interface VK {
        boolean run(Value v);
    }

    /** Caches record an undefined result as this value. */
    static final Value UNDEFINED_MARK = StringValue.of("\u0000undefined");

    final Program prog;
    final SingleTerms singleTerms;
    /**
     * This object as the final class of the chain. A layer calls the methods of layers above it through
     * self, so that those calls are statically bound: C2 of Java 17 leaves a call of an abstract method
     * virtual even when it has only one implementation, and these are the hottest calls.
     */
    final Evaluator self;
    /** The with-scope in effect; {@code with} and function mocks replace it and restore it. */
    State state;

    EvalState(Program prog, SingleTerms singleTerms, Value input) {
        this.prog = prog;
        this.singleTerms = singleTerms;
        this.self = (Evaluator) this;
        this.state = new State(input, prog.baseData(), List.of(), Map.of(), 384);
    }

    /** What {@code with} can change: input, data (patched base + masked rule paths), functions; with its own cache. */
    static final class State {
        final Value input;
        final Value base;
        final List<String> masked;
        final Map<String, Term> functionOverrides;
        final Map<Node, Value> cache;
        /** Function results by (name, arguments): functions are pure within one with-scope. */
        final Map<CallKey, Value> calls;
        /** Values of data/input references with constant keys, by reference (identity). */
        final Map<Term.Ref, Value> refs;

        State(Value input, Value base, List<String> masked, Map<String, Term> functionOverrides) {
            this(input, base, masked, functionOverrides, 16);
        }

        /** capacity: expected entries of each cache (a query over a whole policy set fills hundreds; a with-scope few). */
        State(Value input, Value base, List<String> masked, Map<String, Term> functionOverrides, int capacity) {
            this.input = input;
            this.base = base;
            this.masked = masked;
            this.functionOverrides = functionOverrides;
            this.cache = new HashMap<>(capacity);
            this.calls = new HashMap<>(capacity);
            this.refs = new IdentityHashMap<>(capacity);
        }
    }

    /** data or input: variable names are interned (Term.Var), so identity decides. */
    static boolean isRoot(String varName) {
        return varName == "data" || varName == "input";
    }

    static boolean unboundVar(Term t, Env env) {
        return t instanceof Term.Var v && !isRoot(v.name()) && !env.has(v.name());
    }

    /** True if t is a pattern (var, array or object literal) with a variable still unbound. */
    static boolean unboundPattern(Term t, Env env) {
        if (t instanceof Term.Var v) {
            return !isRoot(v.name()) && !env.has(v.name());
        }
        if (t instanceof Term.ArrayLit a) {
            for (Term x : a.elems()) {
                if (unboundPattern(x, env)) {
                    return true;
                }
            }
        } else if (t instanceof Term.ObjectLit o) {
            for (Term x : o.values()) {
                if (unboundPattern(x, env)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Outcomes of an expression or of binding arguments without continuations. */
    static final int FAILED = 0;
    static final int SUCCEEDED = 1;
    static final int ENUMERATE = 2;

    /** A function call for memoisation: name and argument values. */
    static final class CallKey {
        final String name;
        final Value[] args;
        final int hash;

        CallKey(String name, Value[] args) {
            this(name, args, name.hashCode() * 31 + Arrays.hashCode(args));
        }

        CallKey(String name, Value[] args, int hash) {
            this.name = name;
            this.args = args;
            this.hash = hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CallKey c && c.hash == hash && (c.name == name || c.name.equals(name))
                    && Arrays.equals(c.args, args);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** What runs under {@code with} modifiers, calling its continuation per solution. */
    interface Scoped {
        boolean run(K k);
    }

    interface KV {
        boolean run(Value key, Value val);
    }

    /** Calls f for each (key, value) of a collection; true if not stopped. */
    static boolean iterate(Value c, KV f) {
        if (c instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) {
                if (!f.run(NumberValue.of(i), a.get(i))) {
                    return false;
                }
            }
        } else if (c instanceof ObjectValue o) {
            for (int i = 0; i < o.size(); i++) {
                if (!f.run(o.keyAt(i), o.valueAt(i))) {
                    return false;
                }
            }
        } else if (c instanceof SetValue s) {
            for (int i = 0; i < s.size(); i++) {
                if (!f.run(s.get(i), s.get(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    static List<String> segments(String dotted, int skip) {
        List<String> all = Arrays.asList(dotted.split("\\."));
        return all.subList(skip, all.size());
    }

    /** A copy of v with the value at path replaced (objects created as needed). */
    static Value setPath(Value v, List<String> path, int i, Value leaf) {
        if (i == path.size()) {
            return leaf;
        }
        ObjectValue o = v instanceof ObjectValue ov ? ov : ObjectValue.EMPTY;
        StringValue key = StringValue.of(path.get(i));
        Value child = o.get(key);
        return o.with(key, setPath(child, path, i + 1, leaf));
    }

    RegoEvalException conflict(Location loc, String msg) {
        return new RegoEvalException(new RegoError("eval_conflict_error", loc.file(), loc.row(), loc.col(), msg));
    }
}
