package org.mtabaseline.rego.ast;

import java.util.List;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/** A Rego term: scalars, variables, references, composites, calls and comprehensions. */
public sealed interface Term {
    Location loc();

    /** A constant (null, boolean, number, string, or a ground composite folded at compile time). */
    record Scalar(Value value, Location loc) implements Term {
        /** Longest string constant shared through String.intern. */
        private static final int INTERN_MAX = 64;

        public Scalar {
            // short strings (reference keys, object keys) shared with the rule tree's keys: equal
            // lookups then succeed on identity
            if (value instanceof StringValue s && s.value().length() <= INTERN_MAX) {
                value = StringValue.of(s.value().intern());
            }
        }
    }

    /** A variable; wildcards {@code _} get unique names starting with {@code $}. */
    record Var(String name, Location loc) implements Term {
        public Var {
            name = name.intern(); // bindings are found by identity first
        }

        public boolean isWildcard() {
            return name.startsWith("$");
        }
    }

    /** {@code head.a[b]...}: head is a Var ({@code data}, {@code input}, a local) or another term. */
    record Ref(Term head, List<Term> path, Location loc) implements Term {
    }

    record ArrayLit(List<Term> elems, Location loc) implements Term {
    }

    record SetLit(List<Term> elems, Location loc) implements Term {
    }

    record ObjectLit(List<Term> keys, List<Term> values, Location loc) implements Term {
    }

    /**
     * A function or builtin call. {@code name} is the operator's dotted name as written (or, after
     * compilation, {@code data.pkg.f} for user functions).
     */
    record Call(String name, List<Term> args, Location loc) implements Term {
        public Call {
            name = name.intern(); // the function and builtin tables are then matched on identity
        }
    }

    record ArrayCompr(Term head, List<Expr> body, Location loc) implements Term {
    }

    record SetCompr(Term head, List<Expr> body, Location loc) implements Term {
    }

    record ObjectCompr(Term key, Term value, List<Expr> body, Location loc) implements Term {
    }

    /**
     * {@code $"a {x} b"}: literal parts and expression parts alternate, starting with a literal. Each part
     * is an expression (a term, possibly with {@code with} modifiers).
     */
    record Template(List<String> literals, List<Expr> parts, Location loc) implements Term {
        /** The term of part i (its {@code with} modifiers are on {@code parts().get(i)}). */
        public Term term(int i) {
            return ((Expr.TermExpr) parts.get(i).kind()).term();
        }
    }
}
