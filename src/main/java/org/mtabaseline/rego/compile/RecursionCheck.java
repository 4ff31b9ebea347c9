package org.mtabaseline.rego.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mtabaseline.rego.RegoError;
import org.mtabaseline.rego.ast.AstChildren;
import org.mtabaseline.rego.ast.Expr;
import org.mtabaseline.rego.ast.Rule;
import org.mtabaseline.rego.ast.Term;
import org.mtabaseline.rego.value.StringValue;

/** Finds rules that depend on themselves ({@code rego_recursion_error}), as OPA forbids recursion. */
final class RecursionCheck {
    private final Node root;
    private final List<RegoError> errors;
    private final Map<Node, Set<Node>> edges = new HashMap<>();
    private final Map<Node, Rule> firstRule = new HashMap<>();
    private final List<Node> order = new ArrayList<>();

    RecursionCheck(Node root, Map<String, List<RuleDef>> functions, List<RegoError> errors) {
        this.root = root;
        this.errors = errors;
    }

    void run() {
        List<Node> all = new ArrayList<>();
        collect(root, all);
        for (Node n : all) {
            Set<Node> deps = new LinkedHashSet<>();
            for (RuleDef d : n.definitions()) {
                for (Rule r = d.rule(); r != null; r = r.elseRule()) {
                    refsOfRule(r, deps);
                }
                firstRule.putIfAbsent(n, d.rule());
            }
            edges.put(n, deps);
        }
        Set<Node> done = new HashSet<>();
        for (Node n : all) {
            List<Node> stack = new ArrayList<>();
            if (cycle(n, stack, new HashSet<>(), done)) {
                return;
            }
        }
    }

    /** The nodes with rules, each after the nodes its rules depend on (valid when no cycle was found). */
    List<Node> order() {
        return order;
    }

    private void collect(Node n, List<Node> out) {
        if (n.hasValueRules() || !n.functions.isEmpty()) {
            out.add(n);
        }
        for (Node c : n.children.values()) {
            collect(c, out);
        }
    }

    private boolean cycle(Node n, List<Node> stack, Set<Node> onStack, Set<Node> done) {
        if (onStack.contains(n)) {
            List<String> names = new ArrayList<>();
            int from = stack.indexOf(n);
            for (int i = from; i < stack.size(); i++) {
                names.add(stack.get(i).path);
            }
            names.add(n.path);
            Rule r = firstRule.get(n);
            errors.add(new RegoError("rego_recursion_error", r.file(), r.loc().row(), r.loc().col(),
                    "rule " + n.path + " is recursive: " + String.join(" -> ", names)));
            return true;
        }
        if (done.contains(n)) {
            return false;
        }
        stack.add(n);
        onStack.add(n);
        for (Node d : edges.getOrDefault(n, Set.of())) {
            if (cycle(d, stack, onStack, done)) {
                return true;
            }
        }
        stack.remove(stack.size() - 1);
        onStack.remove(n);
        done.add(n);
        order.add(n);
        return false;
    }

    private void refsOfRule(Rule r, Set<Node> deps) {
        if (r.args() != null) {
            r.args().forEach(t -> refs(t, deps));
        }
        r.head().forEach(t -> refs(t, deps));
        if (r.key() != null) {
            refs(r.key(), deps);
        }
        if (r.value() != null) {
            refs(r.value(), deps);
        }
        body(r.body(), deps);
    }

    private void body(List<Expr> body, Set<Node> deps) {
        for (Expr e : body) {
            Expr.Kind k = e.kind();
            // some-in and every keys and values are patterns that bind, and a with target is replaced: none is read
            if (k instanceof Expr.SomeIn s) {
                refs(s.collection(), deps);
            } else if (k instanceof Expr.Every ev) {
                refs(ev.collection(), deps);
                body(ev.body(), deps);
            } else {
                AstChildren.forEachChild(k, t -> refs(t, deps), b -> body(b, deps));
            }
            for (Expr.With w : e.withs()) {
                refs(w.value(), deps);
            }
        }
    }

    private void refs(Term t, Set<Node> deps) {
        if (t instanceof Term.Ref r && r.head() instanceof Term.Var v && v.name().equals("data")) {
            List<String> path = new ArrayList<>();
            for (Term p : r.path()) {
                if (p instanceof Term.Scalar s && s.value() instanceof StringValue str) {
                    path.add(str.value());
                } else {
                    break;
                }
            }
            target(path, deps);
            r.path().forEach(x -> refs(x, deps));
            return;
        }
        if (t instanceof Term.Var v && v.name().equals("data")) {
            target(List.of(), deps);
        } else if (t instanceof Term.Call c && c.name().startsWith("data.")) {
            target(List.of(c.name().substring(5).split("\\.")), deps);
        }
        AstChildren.forEachChild(t, x -> refs(x, deps), b -> body(b, deps));
    }

    /** Nodes with rules along the path, and every one below its end. */
    private void target(List<String> path, Set<Node> deps) {
        if (path.isEmpty()) {
            return; // data[x]: dynamic from the root, not followed (OPA does not either)
        }
        Node n = root;
        for (String seg : path) {
            Node c = n.children.get(StringValue.of(seg));
            if (c == null) {
                return;
            }
            n = c;
            if (n.hasValueRules() || !n.functions.isEmpty()) {
                deps.add(n);
            }
        }
        below(n, deps);
    }

    private void below(Node n, Set<Node> deps) {
        for (Node c : n.children.values()) {
            if (c.hasValueRules() || !c.functions.isEmpty()) {
                deps.add(c);
            }
            below(c, deps);
        }
    }
}
