package org.mtabaseline.rego.compile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import org.mtabaseline.rego.RegoCompileException;
import org.mtabaseline.rego.RegoError;
import org.mtabaseline.rego.ast.AstChildren;
import org.mtabaseline.rego.ast.Expr;
import org.mtabaseline.rego.ast.Location;
import org.mtabaseline.rego.ast.Rule;
import org.mtabaseline.rego.ast.Term;

/**
 * OPA's local variable scoping (compile.go, rewriteLocalVars). Every body is a scope: a rule or query
 * body, each comprehension, each {@code every} (key, value and body), each template part and logic
 * operand. {@code :=}, {@code some} and {@code every} declare in the current scope; declaring a name
 * already assigned, declared, read or taken as an argument in that same scope is an error ("var x
 * assigned above"). A declaration in a nested scope shadows outer names: it gets a fresh name
 * ({@code x$3}), so the flat environment of a rule evaluation keeps the two apart.
 */
final class LocalVars {
    private enum Occurrence { SEEN, ASSIGNED, DECLARED, ARG }

    private static final class Scope {
        final Map<String, String> names = new HashMap<>();
        final Map<String, Occurrence> occurrence = new HashMap<>();
    }

    private final String file;
    private final IntSupplier fresh;
    private final Deque<Scope> scopes = new ArrayDeque<>();
    private final List<RegoError> errors = new ArrayList<>();

    LocalVars(String file, IntSupplier fresh) {
        this.file = file;
        this.fresh = fresh;
    }

    /** The name a generated local shows in messages: {@code x$3} is {@code x}. */
    static String displayName(String name) {
        int i = name.indexOf('$');
        return i > 0 ? name.substring(0, i) : name;
    }

    /** Rewrites a rule and its else branches; throws the declaration errors found. */
    Rule rule(Rule r) {
        Rule out = ruleBranch(r);
        throwErrors();
        return out;
    }

    /** Rewrites a query body (its own top scope). */
    List<Expr> query(List<Expr> body) {
        scopes.push(new Scope());
        List<Expr> out = body(body);
        scopes.pop();
        throwErrors();
        return out;
    }

    private void throwErrors() {
        if (!errors.isEmpty()) {
            throw new RegoCompileException(List.copyOf(errors));
        }
    }

    private Rule ruleBranch(Rule r) {
        Scope top = new Scope();
        if (r.args() != null) {
            Set<String> args = new LinkedHashSet<>();
            for (Term a : r.args()) {
                Vars.collect(a, args, false);
            }
            for (String a : args) {
                top.names.put(a, a);
                top.occurrence.put(a, Occurrence.ARG);
            }
        }
        scopes.push(top);
        List<Expr> body = body(r.body());
        // head terms read the body's names; comprehensions in the head are scopes of their own
        List<Term> refTail = r.head().subList(1, r.head().size());
        List<Term> rest = AstChildren.mapAll(refTail, this::term);
        List<Term> head = rest == refTail ? r.head() : concat(r.head().get(0), rest);
        Term key = r.key() == null ? null : term(r.key());
        Term value = r.value() == null ? null : term(r.value());
        scopes.pop();
        Rule elseRule = r.elseRule() == null ? null : ruleBranch(withArgs(r.elseRule(), r.args()));
        if (head == r.head() && key == r.key() && value == r.value() && body == r.body() && elseRule == r.elseRule()) {
            return r;
        }
        return new Rule(r.loc(), head, r.args(), key, value, r.isDefault(), body, elseRule, r.file());
    }

    private static List<Term> concat(Term first, List<Term> rest) {
        List<Term> out = new ArrayList<>(rest.size() + 1);
        out.add(first);
        out.addAll(rest);
        return out;
    }

    /** Else branches share the function's arguments. */
    private static Rule withArgs(Rule e, List<Term> args) {
        return args == null || e.args() != null ? e
                : new Rule(e.loc(), e.head(), args, e.key(), e.value(), e.isDefault(), e.body(), e.elseRule(), e.file());
    }

    private List<Expr> body(List<Expr> body) {
        return AstChildren.mapAll(body, this::expr);
    }

    private List<Expr> nestedBody(List<Expr> body) {
        scopes.push(new Scope());
        List<Expr> out = body(body);
        scopes.pop();
        return out;
    }

    private Expr expr(Expr e) {
        Expr.Kind k = e.kind();
        Expr.Kind nk = k;
        List<Expr.With> withs = AstChildren.mapValues(e.withs(), this::term);
        if (k instanceof Expr.Assign a) {
            if (e.negated()) {
                error(e.loc(), "cannot assign vars inside negated expression");
                return e;
            }
            Term right = term(a.right());
            Term left = declarePattern(a.left(), Occurrence.ASSIGNED);
            if (right != a.right() || left != a.left()) {
                nk = new Expr.Assign(left, right);
            }
        } else if (k instanceof Expr.SomeDecl s) {
            List<Term.Var> vars = new ArrayList<>();
            boolean changed = false;
            for (Term.Var v : s.vars()) {
                String n = declare(v.name(), Occurrence.DECLARED, e.loc());
                changed |= !n.equals(v.name());
                vars.add(n.equals(v.name()) ? v : new Term.Var(n, v.loc()));
            }
            if (changed) {
                nk = new Expr.SomeDecl(vars);
            }
        } else if (k instanceof Expr.SomeIn s) {
            // some k, v in xs: the vars of k and v not read by xs are declared here (OPA: v = xs[k])
            Set<String> outputs = new LinkedHashSet<>();
            if (s.key() != null) {
                Vars.collect(s.key(), outputs, false);
            }
            Vars.collect(s.value(), outputs, false);
            Set<String> read = new LinkedHashSet<>();
            Vars.collect(s.collection(), read, false);
            outputs.removeAll(read);
            outputs.removeIf(Compiler::isRoot);
            Term coll = term(s.collection());
            for (String v : outputs) {
                declare(v, Occurrence.DECLARED, e.loc());
            }
            Term key = s.key() == null ? null : term(s.key());
            Term value = term(s.value());
            if (coll != s.collection() || key != s.key() || value != s.value()) {
                nk = new Expr.SomeIn(key, value, coll);
            }
        } else if (k instanceof Expr.Every ev) {
            Term coll = term(ev.collection());
            scopes.push(new Scope());
            Term key = ev.key() == null ? null : declareVar(ev.key(), e.loc());
            Term val = declareVar(ev.value(), e.loc());
            List<Expr> body = body(ev.body());
            scopes.pop();
            nk = new Expr.Every(key, val, coll, body);
        } else {
            // terms read names of the current scope; logic operands are scopes of their own
            nk = AstChildren.mapChildren(k, this::term, this::nestedBody);
        }
        return nk == k && withs == e.withs() ? e : new Expr(nk, e.negated(), withs, e.loc());
    }

    private Term declareVar(Term t, Location loc) {
        if (t instanceof Term.Var v && !v.isWildcard()) {
            String n = declare(v.name(), Occurrence.DECLARED, loc);
            return n.equals(v.name()) ? v : new Term.Var(n, v.loc());
        }
        return t;
    }

    /** The left side of :=: vars are declared, array elements and object values recursively, keys are read. */
    private Term declarePattern(Term t, Occurrence occ) {
        if (t instanceof Term.Var v) {
            String n = declare(v.name(), occ, v.loc());
            return n.equals(v.name()) ? v : new Term.Var(n, v.loc());
        }
        if (t instanceof Term.ArrayLit a) {
            List<Term> elems = AstChildren.mapAll(a.elems(), x -> declarePattern(x, occ));
            return elems == a.elems() ? t : new Term.ArrayLit(elems, a.loc());
        }
        if (t instanceof Term.ObjectLit o) {
            List<Term> keys = new ArrayList<>();
            List<Term> values = new ArrayList<>();
            for (int i = 0; i < o.keys().size(); i++) {
                keys.add(term(o.keys().get(i)));
                values.add(declarePattern(o.values().get(i), occ));
            }
            return new Term.ObjectLit(keys, values, o.loc());
        }
        if (t instanceof Term.Scalar s) {
            error(t.loc(), "cannot assign to " + s.value().typeName());
            return t;
        }
        error(t.loc(), "cannot assign to " + kind(t));
        return t;
    }

    private static String kind(Term t) {
        if (t instanceof Term.Ref) {
            return "ref";
        }
        if (t instanceof Term.Call) {
            return "call";
        }
        if (t instanceof Term.SetLit) {
            return "set";
        }
        if (t instanceof Term.Template) {
            return "templatestring";
        }
        return "comprehension";
    }

    /** Declares name in the current scope; at the top scope it keeps its name, in a nested one it gets a fresh one. */
    private String declare(String name, Occurrence occ, Location loc) {
        Scope cur = scopes.peek();
        Occurrence prev = cur.occurrence.get(name);
        if (prev != null) {
            switch (prev) {
                case SEEN -> error(loc, "var " + name + " referenced above");
                case ASSIGNED -> error(loc, "var " + name + " assigned above");
                case DECLARED -> error(loc, "var " + name + " declared above");
                case ARG -> error(loc, "arg " + name + " redeclared");
                default -> {
                }
            }
            return cur.names.getOrDefault(name, name);
        }
        String local = scopes.size() == 1 || name.startsWith("$") ? name : name + "$" + fresh.getAsInt();
        cur.names.put(name, local);
        cur.occurrence.put(name, occ);
        return local;
    }

    /** A read of name: the innermost declaration it refers to, else it is marked seen in the current scope. */
    private String read(String name) {
        for (Scope s : scopes) {
            String n = s.names.get(name);
            if (n != null) {
                return n;
            }
        }
        Scope cur = scopes.peek();
        cur.names.put(name, name);
        cur.occurrence.put(name, Occurrence.SEEN);
        return name;
    }

    /** Rewrites t; unchanged parts are returned as they are, so a rule without renames allocates little. */
    private Term term(Term t) {
        if (t instanceof Term.Var v) {
            if (Compiler.isRoot(v.name()) && lookup(v.name()) == null) {
                return v;
            }
            String n = read(v.name());
            return n.equals(v.name()) ? v : new Term.Var(n, v.loc());
        }
        if (t instanceof Term.ArrayCompr c) {
            scopes.push(new Scope());
            List<Expr> body = body(c.body());
            Term head = term(c.head());
            scopes.pop();
            return body == c.body() && head == c.head() ? t : new Term.ArrayCompr(head, body, c.loc());
        }
        if (t instanceof Term.SetCompr c) {
            scopes.push(new Scope());
            List<Expr> body = body(c.body());
            Term head = term(c.head());
            scopes.pop();
            return body == c.body() && head == c.head() ? t : new Term.SetCompr(head, body, c.loc());
        }
        if (t instanceof Term.ObjectCompr c) {
            scopes.push(new Scope());
            List<Expr> body = body(c.body());
            Term key = term(c.key());
            Term value = term(c.value());
            scopes.pop();
            return body == c.body() && key == c.key() && value == c.value() ? t
                    : new Term.ObjectCompr(key, value, body, c.loc());
        }
        // each template part is a scope of its own; other terms read names of the current scope
        return AstChildren.mapChildren(t, this::term, parts -> AstChildren.mapAll(parts, this::scopedExpr));
    }

    private Expr scopedExpr(Expr e) {
        scopes.push(new Scope());
        Expr out = expr(e);
        scopes.pop();
        return out;
    }

    private String lookup(String name) {
        for (Scope s : scopes) {
            String n = s.names.get(name);
            if (n != null) {
                return n;
            }
        }
        return null;
    }

    private void error(Location loc, String msg) {
        errors.add(new RegoError("rego_compile_error", loc.file().isEmpty() ? file : loc.file(), loc.row(), loc.col(), msg));
    }
}
