package org.mtabaseline.rego.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mtabaseline.rego.RegoError;
import org.mtabaseline.rego.ast.AstChildren;
import org.mtabaseline.rego.ast.Expr;
import org.mtabaseline.rego.ast.Location;
import org.mtabaseline.rego.ast.Module;
import org.mtabaseline.rego.ast.Rule;
import org.mtabaseline.rego.ast.Term;

/**
 * The module checks OPA makes for Rego v1 (its {@code checkDuplicateImports} and
 * {@code checkRootDocumentOverrides}): imports must not shadow one another, and rules and {@code :=} variables
 * must not shadow {@code input} or {@code data}. OPA applies them to v1 modules, and to v0 modules in strict mode
 * or when they import {@code rego.v1}. (Deprecated builtins, the third such check, are refused where calls are resolved.)
 * Strict mode adds unused imports and unused local variables ({@code :=} assigned or {@code some} declared).
 */
final class RegoV1Checks {
    private final List<RegoError> errors = new ArrayList<>();
    /** Names the module's rules read (variables, first segments of call names). */
    private final java.util.Set<String> used = new java.util.HashSet<>();
    /** How often each variable occurs (counted for one rule branch at a time). */
    private final Map<String, Integer> occurrences = new HashMap<>();
    /** The {@code :=} and {@code some} expressions met, in source order. */
    private final List<Expr> declarations = new ArrayList<>();

    private RegoV1Checks() {
    }

    /**
     * The module checks in OPA's stage order, a stage with errors ending compilation: arguments shadowing root
     * documents and strict mode's unused imports (its ResolveRefs), then root document overrides (CheckKeywordOverrides), then duplicate imports
     * (CheckDuplicateImports), each over the modules in file name order as OPA sorts them. The v1 checks apply to
     * modules that are v1 compatible (v1, or v0 importing rego.v1), or to all in strict mode.
     */
    static List<RegoError> check(List<Module> modules, boolean strict) {
        List<Module> sorted = modules.stream().sorted(java.util.Comparator.comparing(Module::file)).toList();
        List<RegoError> out = new ArrayList<>();
        for (Module m : sorted) {
            out.addAll(argsShadowing(m));
            if (strict) {
                RegoV1Checks c = new RegoV1Checks();
                c.walkRules(m);
                c.errors.clear(); // only the names used count here; shadowing is the next stage's
                c.unusedImports(m);
                out.addAll(c.errors);
            }
        }
        for (int stage = 0; stage < 2 && out.isEmpty(); stage++) {
            for (Module m : sorted) {
                if (strict || m.v1Compatible()) {
                    RegoV1Checks c = new RegoV1Checks();
                    if (stage == 0) {
                        c.rootDocumentOverrides(m);
                    } else {
                        c.duplicateImports(m);
                    }
                    out.addAll(c.errors);
                }
            }
        }
        return out;
    }

    /**
     * OPA's "args must not shadow input" (its resolveRefsInRule, any Rego version): a function argument that is
     * {@code input} or {@code data}, also inside array patterns and object values. One error per function
     * definition, at the rule.
     */
    private static List<RegoError> argsShadowing(Module m) {
        List<RegoError> out = new ArrayList<>();
        for (Rule r : m.rules()) {
            if (r.args() == null) {
                continue;
            }
            for (Term arg : r.args()) {
                String root = rootInArg(arg);
                if (root != null) {
                    out.add(new RegoError("rego_compile_error", r.loc().file(), r.loc().row(), r.loc().col(),
                            "args must not shadow " + root + " (use a different variable name)"));
                    break;
                }
            }
        }
        return out;
    }

    /** The root document an argument pattern names, or null (sets, comprehensions and calls are not looked into). */
    private static String rootInArg(Term t) {
        if (t instanceof Term.Var v) {
            return Compiler.isRoot(v.name()) ? v.name() : null;
        }
        if (t instanceof Term.Ref ref && ref.path().isEmpty()) {
            return rootInArg(ref.head());
        }
        List<Term> parts = t instanceof Term.ArrayLit a ? a.elems()
                : t instanceof Term.ObjectLit o ? o.values() : List.of();
        for (Term p : parts) {
            String root = rootInArg(p);
            if (root != null) {
                return root;
            }
        }
        return null;
    }

    /**
     * OPA's strict "assigned var x unused" / "declared var x unused": a local variable that occurs nowhere but
     * in its declaration. Takes a rule after local renaming (a nested declaration has a name of its own).
     */
    static List<RegoError> unusedLocals(Rule r) {
        List<RegoError> out = new ArrayList<>();
        for (Rule branch = r; branch != null; branch = branch.elseRule()) {
            RegoV1Checks c = new RegoV1Checks();
            c.body(branch.body());
            headTerms(branch).forEach(c::term);
            if (branch.args() != null) {
                branch.args().forEach(c::term);
            }
            java.util.TreeMap<String, RegoError> unused = new java.util.TreeMap<>();
            for (Expr e : c.declarations) {
                java.util.Set<String> vars = new java.util.LinkedHashSet<>();
                String what;
                if (e.kind() instanceof Expr.Assign a) {
                    Vars.collect(a.left(), vars, false);
                    what = "assigned";
                } else {
                    ((Expr.SomeDecl) e.kind()).vars().forEach(v -> vars.add(v.name()));
                    what = "declared";
                }
                for (String v : vars) {
                    if (!v.startsWith("$") && c.occurrences.getOrDefault(v, 0) <= 1) {
                        unused.putIfAbsent(LocalVars.displayName(v) + "\u0000" + v, new RegoError("rego_compile_error",
                                e.loc().file(), e.loc().row(), e.loc().col(),
                                what + " var " + LocalVars.displayName(v) + " unused"));
                    }
                }
            }
            out.addAll(unused.values());
        }
        return out;
    }

    private void unusedImports(Module m) {
        for (Module.Import im : m.imports()) {
            String root = im.path().get(0);
            if (root.equals("future") || root.equals("rego") || used.contains(im.name())) {
                continue;
            }
            error(im.loc(), "rego_compile_error", "import " + String.join(".", im.path())
                    + (im.alias() != null ? " as " + im.alias() : "") + " unused");
        }
    }

    private void duplicateImports(Module m) {
        Map<String, Module.Import> seen = new HashMap<>();
        for (Module.Import im : m.imports()) {
            Module.Import first = seen.putIfAbsent(im.name(), im);
            if (first != null) {
                error(im.loc(), "rego_compile_error", "import must not shadow import " + String.join(".", first.path())
                        + (first.alias() != null ? " as " + first.alias() : ""));
            }
        }
    }

    /** Rules first (an else branch too is a rule to OPA), then the {@code :=} expressions, as OPA walks them. */
    private void rootDocumentOverrides(Module m) {
        for (Rule r : m.rules()) {
            for (Rule branch = r; branch != null; branch = branch.elseRule()) {
                if (Compiler.isRoot(branch.name())) {
                    error(branch.loc(), "rego_compile_error", "rules must not shadow " + branch.name()
                            + " (use a different rule name)");
                }
            }
        }
        walkRules(m);
    }

    /** Walks every rule: counts the names used, refuses {@code :=} to input or data. */
    private void walkRules(Module m) {
        for (Rule r : m.rules()) {
            for (Rule branch = r; branch != null; branch = branch.elseRule()) {
                body(branch.body());
                for (Term t : headTerms(branch)) {
                    term(t);
                }
                if (branch.args() != null) {
                    branch.args().forEach(this::term);
                }
            }
        }
    }

    private static List<Term> headTerms(Rule r) {
        List<Term> out = new ArrayList<>(r.head().subList(1, r.head().size()));
        if (r.key() != null) {
            out.add(r.key());
        }
        if (r.value() != null) {
            out.add(r.value());
        }
        return out;
    }

    private void body(List<Expr> body) {
        for (Expr e : body) {
            expr(e);
        }
    }

    private void expr(Expr e) {
        Expr.Kind k = e.kind();
        if (k instanceof Expr.SomeDecl || k instanceof Expr.Assign) {
            declarations.add(e);
        }
        if (k instanceof Expr.Assign a && a.left() instanceof Term.Var v && Compiler.isRoot(v.name())) {
            error(e.loc(), "rego_compile_error", "variables must not shadow " + v.name()
                    + " (use a different variable name)");
        }
        if (k instanceof Expr.Every ev) {
            // every's key and value are not counted: they declare, they do not use
            term(ev.collection());
            body(ev.body());
        } else {
            AstChildren.forEachChild(k, this::term, this::body);
        }
        for (Expr.With w : e.withs()) {
            term(w.target());
            term(w.value());
        }
    }

    /** Assignments inside closures (comprehensions, template parts) count too. */
    private void term(Term t) {
        if (t instanceof Term.Var v) {
            used.add(v.name());
            occurrences.merge(v.name(), 1, Integer::sum);
            return;
        }
        if (t instanceof Term.Call c) {
            int dot = c.name().indexOf('.');
            used.add(dot < 0 ? c.name() : c.name().substring(0, dot));
        }
        AstChildren.forEachChild(t, this::term, this::body);
    }

    private void error(Location loc, String code, String msg) {
        errors.add(new RegoError(code, loc.file(), loc.row(), loc.col(), msg));
    }
}
