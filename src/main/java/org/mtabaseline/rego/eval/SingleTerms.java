package org.mtabaseline.rego.eval;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mtabaseline.rego.ast.AstChildren;
import org.mtabaseline.rego.ast.Expr;
import org.mtabaseline.rego.ast.Rule;
import org.mtabaseline.rego.ast.Term;
import org.mtabaseline.rego.compile.Node;
import org.mtabaseline.rego.compile.Program;
import org.mtabaseline.rego.compile.RuleDef;
import org.mtabaseline.rego.value.Value;

/**
 * The terms of a program that have at most one value whatever is bound: no reference operand other
 * than a constant (so nothing can enumerate) and no call of a relation. The evaluator then skips its
 * per-evaluation check for them. Also the shape of object literals with constant keys (the keys in
 * value order), so that building one needs no sorting. Computed once per program; read-only
 * afterwards, so shared by threads. Terms not recorded (or built later, as a query's) are handled as
 * before.
 */
public final class SingleTerms {
    private static final SingleTerms NONE = new SingleTerms(null);

    private final Set<Term> terms = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Term.ObjectLit, Shape> shapes = new IdentityHashMap<>();
    private final Program prog;

    private SingleTerms(Program prog) {
        this.prog = prog;
    }

    /** No term recorded: every term is checked when evaluated. */
    public static SingleTerms none() {
        return NONE;
    }

    public static SingleTerms of(Program prog) {
        SingleTerms s = new SingleTerms(prog);
        s.node(prog.root());
        return s;
    }

    boolean contains(Term t) {
        return terms.contains(t);
    }

    /** Constant keys of an object literal in value order; slot[i] is where the literal's i-th value goes. */
    record Shape(Value[] sortedKeys, int[] slot) {
    }

    /** The shape of o if its keys are distinct constants; null otherwise. */
    Shape shape(Term.ObjectLit o) {
        return shapes.isEmpty() ? null : shapes.get(o);
    }

    private void recordShape(Term.ObjectLit o) {
        int n = o.keys().size();
        Value[] keys = new Value[n];
        for (int i = 0; i < n; i++) {
            if (!(o.keys().get(i) instanceof Term.Scalar k)) {
                return;
            }
            keys[i] = k.value();
        }
        Value[] sorted = keys.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < n; i++) {
            if (sorted[i].compareTo(sorted[i - 1]) == 0) {
                return; // a repeated key: leave it to the builder's rules
            }
        }
        int[] slot = new int[n];
        for (int i = 0; i < n; i++) {
            slot[i] = Arrays.binarySearch(sorted, keys[i]);
        }
        shapes.put(o, new Shape(sorted, slot));
    }

    private void node(Node n) {
        for (RuleDef d : n.definitions()) {
            rule(d.rule());
        }
        for (Node c : n.children.values()) {
            node(c);
        }
    }

    private void rule(Rule r) {
        for (; r != null; r = r.elseRule()) {
            terms(r.head());
            if (r.args() != null) {
                terms(r.args());
            }
            if (r.key() != null) {
                term(r.key());
            }
            if (r.value() != null) {
                term(r.value());
            }
            body(r.body());
        }
    }

    private void body(List<Expr> body) {
        if (body == null) {
            return;
        }
        for (Expr e : body) {
            AstChildren.forEachChild(e, this::term, this::body);
        }
    }

    /** True if every term of ts is single. */
    private boolean terms(List<Term> ts) {
        boolean all = true;
        for (Term t : ts) {
            all &= term(t);
        }
        return all;
    }

    /** Records t (and the terms inside it) if single; true if t is single. */
    private boolean term(Term t) {
        if (t instanceof Term.Scalar || t instanceof Term.Var) {
            return true;
        }
        boolean single;
        if (t instanceof Term.Ref r) {
            single = r.head() instanceof Term.Var || term(r.head());
            for (Term p : r.path()) {
                single &= term(p) && p instanceof Term.Scalar;
            }
        } else if (t instanceof Term.Call c) {
            boolean relation = prog.builtins().isRelation(c.name()) && !prog.functions().containsKey(c.name());
            single = terms(c.args()) && !relation;
        } else if (t instanceof Term.ArrayLit a) {
            single = terms(a.elems());
        } else if (t instanceof Term.SetLit s) {
            single = terms(s.elems());
        } else if (t instanceof Term.ObjectLit o) {
            single = terms(o.keys()) & terms(o.values());
            if (!o.keys().isEmpty()) {
                recordShape(o);
            }
        } else {
            // comprehensions and templates: one value whatever their bodies do (whose terms are recorded too)
            AstChildren.forEachChild(t, this::term, this::body);
            single = true;
        }
        if (single) {
            terms.add(t);
        }
        return single;
    }
}
