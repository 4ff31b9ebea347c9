package org.mtabaseline.rego.compile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mtabaseline.rego.RegoCompileException;
import org.mtabaseline.rego.RegoError;
import org.mtabaseline.rego.ast.Expr;
import org.mtabaseline.rego.ast.Location;
import org.mtabaseline.rego.ast.Module;
import org.mtabaseline.rego.ast.Rule;
import org.mtabaseline.rego.ast.Term;
import org.mtabaseline.rego.builtins.BuiltinDeclarations;
import org.mtabaseline.rego.builtins.BuiltinFunction;
import org.mtabaseline.rego.builtins.BuiltinRegistry;
import org.mtabaseline.rego.types.Type;
import org.mtabaseline.rego.types.Type.FunctionType;
import org.mtabaseline.rego.types.SchemaTypes;
import org.mtabaseline.rego.types.Types;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/**
 * Compiles parsed modules: resolves names (rules of the package, imports, builtins), rewrites calls
 * with an output operand into unifications, orders every body so each variable is bound before use
 * (OPA's safety check, {@code rego_unsafe_var_error}), detects recursion and builds the rule tree.
 */
public final class Compiler {
    private final BuiltinRegistry builtins;
    private final List<RegoError> errors = new ArrayList<>();
    private final Map<String, Integer> functionArity = new HashMap<>();
    private final Map<String, Set<String>> packageRules = new HashMap<>();
    private int gen;
    private AnnotationSet annotationSet;
    private Term.Call statementCall;
    private JsonNode inputSchema;
    private Map<String, JsonNode> schemaSet = Map.of();
    /** The parsed rule each compiled rule (else branches included) came from, for its annotations. */
    private final Map<Rule, Rule> originals = new java.util.IdentityHashMap<>();
    /** The parsed rule being compiled (for rego.metadata.*), null while compiling a query. */
    private Rule currentRule;

    /** OPA's strict mode: the Rego v1 module checks apply to v0 modules too. */
    private final boolean strict;

    public Compiler(BuiltinRegistry builtins) {
        this(builtins, false);
    }

    public Compiler(BuiltinRegistry builtins, boolean strict) {
        this.builtins = builtins;
        this.strict = strict;
    }

    /**
     * Types {@code input} with a JSON Schema (null: any), and makes a set of named schemas available to
     * METADATA {@code schemas} annotations ({@code - input: schema.name}, {@code - data.x: schema["y"]}), as
     * {@code opa check --schema} does. Annotations are only applied when schemas are given.
     */
    public Compiler withSchemas(JsonNode input, Map<String, JsonNode> named) {
        this.inputSchema = input;
        this.schemaSet = named == null ? Map.of() : Map.copyOf(named);
        return this;
    }

    /** Builtins OPA deprecated: callable from Rego v0 modules only. */
    private static final Set<String> DEPRECATED_BUILTINS = Set.of("all", "any", "re_match", "net.cidr_overlap",
            "set_diff", "cast_array", "cast_set", "cast_string", "cast_boolean", "cast_null", "cast_object");

    public static boolean isRoot(String name) {
        return name.equals("data") || name.equals("input");
    }

    // ================================================================ modules

    public Program compile(List<Module> modules, Value baseData) {
        // OPA's checkKeywordOverrides / checkImports: v1 modules, v0 modules importing rego.v1, strict mode
        errors.addAll(RegoV1Checks.check(modules, strict));
        if (!errors.isEmpty()) {
            throw new RegoCompileException(errors);
        }
        Node root = new Node("data", List.of());
        Map<String, List<RuleDef>> functions = new LinkedHashMap<>();
        for (Module m : modules) {
            String pkg = String.join(".", m.packagePath());
            Set<String> names = packageRules.computeIfAbsent(pkg, k -> new HashSet<>());
            for (Rule r : m.rules()) {
                names.add(r.name());
                if (r.isFunction()) {
                    String path = "data." + pkg + "." + staticHeadPath(r);
                    functionArity.put(path, r.args().size());
                }
            }
        }
        for (Module m : modules) {
            Node pn = root;
            for (String seg : m.packagePath()) {
                pn = pn.child(seg);
            }
            pn.isPackage = true;
        }
        annotationSet = new AnnotationSet(modules);
        for (Module m : modules) {
            Scope scope = new Scope(m);
            for (Rule r : m.rules()) {
                try {
                    Rule renamed = new LocalVars(r.file(), () -> gen++).rule(r);
                    if (strict) {
                        List<RegoError> unused = RegoV1Checks.unusedLocals(renamed);
                        if (!unused.isEmpty()) {
                            throw new RegoCompileException(unused);
                        }
                    }
                    Rule c = compileRule(renamed, r, scope);
                    place(root, m, c, functions);
                } catch (RegoCompileException e) {
                    errors.addAll(e.errors());
                }
            }
        }
        TypeEnv types = new TypeEnv(null);
        if (errors.isEmpty()) {
            checkRuleConflicts(root);
        }
        if (errors.isEmpty()) {
            RecursionCheck rc = new RecursionCheck(root, functions, errors);
            rc.run();
            if (errors.isEmpty()) {
                TypeChecker tc = new TypeChecker(BuiltinDeclarations::of);
                if (inputSchema != null || !schemaSet.isEmpty()) {
                    applySchemas(tc, types);
                }
                for (Node n : rc.order()) {
                    tc.checkNode(types, n);
                }
                errors.addAll(tc.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new RegoCompileException(errors);
        }
        return new Program(root, baseData, functions, builtins, List.copyOf(modules), Map.copyOf(functionArity), types);
    }

    /**
     * OPA's checkRuleConflicts: the rules of one node must be of one kind (single- or multi-value), one arity
     * (functions of n arguments, or rules), and not mix complete rules ({@code p := 1}) with partial ones
     * ({@code p[x] := 1}, {@code p contains x}).
     */
    private void checkRuleConflicts(Node n) {
        List<RuleDef> defs = n.definitions();
        if (!defs.isEmpty()) {
            defs.sort(java.util.Comparator.comparing((RuleDef d) -> d.rule().file())
                    .thenComparingInt(d -> d.rule().loc().row()).thenComparingInt(d -> d.rule().loc().col()));
            Set<Boolean> kinds = new HashSet<>();
            Set<Integer> arities = new HashSet<>();
            int complete = 0;
            int partial = 0;
            boolean groundRule = false;
            for (RuleDef d : defs) {
                groundRule |= d.suffix().isEmpty();
                Rule r = d.rule();
                kinds.add(r.isMultiValue());
                arities.add(r.args() == null ? 0 : r.args().size());
                if (!r.isMultiValue() && d.suffix().isEmpty()) {
                    complete++;
                } else {
                    partial++;
                }
            }
            // a rule with a ground reference defines the whole document: no rule may define a part of it
            List<String> inside = groundRule ? rulesBelow(n) : List.of();
            if (!inside.isEmpty()) {
                Rule first = defs.get(0).rule();
                errors.add(new RegoError("rego_type_error", first.file(), first.loc().row(), first.loc().col(),
                        "rule " + refText(defs.get(defs.size() - 1)) + " conflicts with " + inside.toString().replace(",", "")));
            } else if (kinds.size() > 1 || arities.size() > 1 || complete >= 1 && partial >= 1) {
                Rule first = defs.get(0).rule();
                errors.add(new RegoError("rego_type_error", first.file(), first.loc().row(), first.loc().col(),
                        "conflicting rules " + refText(defs.get(defs.size() - 1)) + " found"));
            }
        }
        for (Node c : n.children.values()) {
            checkRuleConflicts(c);
        }
    }

    /** The references of the rules in the nodes below n, sorted, none inside another (OPA's flattenChildren). */
    private static List<String> rulesBelow(Node n) {
        java.util.TreeSet<String> refs = new java.util.TreeSet<>();
        java.util.ArrayDeque<Node> todo = new java.util.ArrayDeque<>(n.children.values());
        while (!todo.isEmpty()) {
            Node c = todo.pop();
            List<RuleDef> defs = new ArrayList<>(c.rules);
            defs.addAll(c.functions);
            if (c.defaultRule != null) {
                defs.add(c.defaultRule);
            }
            if (!defs.isEmpty()) {
                // the shortest reference stands for the ones under it
                for (RuleDef d : defs) {
                    refs.add(refText(d));
                }
                continue;
            }
            todo.addAll(c.children.values());
        }
        return new ArrayList<>(refs);
    }

    /** A rule's reference as OPA prints it: {@code data.a.p}, {@code data.a.p[x]}. */
    private static String refText(RuleDef d) {
        StringBuilder sb = new StringBuilder(d.path());
        for (Term t : d.suffix()) {
            if (t instanceof Term.Var v) {
                sb.append('[').append(LocalVars.displayName(v.name())).append(']');
            } else if (t instanceof Term.Scalar sc) {
                sb.append('[').append(sc.value()).append(']');
            } else {
                sb.append("[...]");
            }
        }
        return sb.toString();
    }

    private static String staticHeadPath(Rule r) {
        StringBuilder sb = new StringBuilder(r.name());
        for (int i = 1; i < r.head().size(); i++) {
            if (r.head().get(i) instanceof Term.Scalar s && s.value() instanceof StringValue str) {
                sb.append('.').append(str.value());
            } else {
                break;
            }
        }
        return sb.toString();
    }

    private void place(Node root, Module m, Rule r, Map<String, List<RuleDef>> functions) {
        Node n = root;
        for (String seg : m.packagePath()) {
            n = n.child(seg);
        }
        n = n.child(r.name());
        List<Term> head = r.head();
        int i = 1;
        while (i < head.size() && head.get(i) instanceof Term.Scalar s && s.value() instanceof StringValue str) {
            if (r.isMultiValue() && i == head.size() - 1 && false) {
                break;
            }
            n = n.child(str.value());
            i++;
        }
        List<Term> suffix = List.copyOf(head.subList(i, head.size()));
        RuleDef def = new RuleDef(r, suffix, n.path);
        if (r.isFunction()) {
            if (!suffix.isEmpty()) {
                throw compileError(r.loc(), "rego_type_error", "function head must be a static reference");
            }
            n.functions.add(def);
            functions.computeIfAbsent(n.path, k -> new ArrayList<>()).add(def);
        } else if (r.isDefault()) {
            if (n.defaultRule != null) {
                errors.add(new RegoError("rego_type_error", r.file(), r.loc().row(), r.loc().col(),
                        "multiple default rules " + n.path + " found"));
            }
            n.defaultRule = def;
        } else {
            n.rules.add(def);
        }
    }

    /** Names visible in one module: rules of its package and its imports. */
    private final class Scope {
        final List<String> pkg;
        final Set<String> rules;
        final Map<String, List<String>> imports = new HashMap<>();
        /** OPA's Rego v1 checks apply (v1 module, or v0 importing rego.v1): deprecated builtins are errors. */
        final boolean v1Checks;

        Scope(Module m) {
            this.pkg = m.packagePath();
            this.v1Checks = strict || m.v1Compatible();
            this.rules = packageRules.getOrDefault(String.join(".", m.packagePath()), Set.of());
            for (Module.Import im : m.imports()) {
                String root = im.path().get(0);
                if (root.equals("future") || root.equals("rego")) {
                    continue;
                }
                imports.put(im.name(), im.path());
            }
        }

        Scope() {
            this.v1Checks = false;
            this.pkg = null;
            this.rules = Set.of();
        }

        /** The data/input path a global name refers to, or null if it is not global. */
        List<String> global(String name) {
            if (rules.contains(name)) {
                List<String> p = new ArrayList<>();
                p.add("data");
                p.addAll(pkg);
                p.add(name);
                return p;
            }
            return imports.get(name);
        }
    }

    // ================================================================ rules

    private Rule compileRule(Rule r, Rule original, Scope scope) {
        currentRule = original;
        if (r.args() != null && r.args().stream().anyMatch(Compiler::hasTemplate)) {
            r = hoistTemplateArgs(r);
        }
        Set<String> declared = new HashSet<>();
        Set<String> argVars = new LinkedHashSet<>();
        if (r.args() != null) {
            for (Term a : r.args()) {
                Vars.collect(a, argVars, true);
            }
            declared.addAll(argVars);
        }
        Vars.declared(r.body(), declared);
        List<Term> args = r.args() == null ? null : mapTerms(r.args(), t -> resolve(t, scope, declared));
        List<Term> head = new ArrayList<>();
        head.add(r.head().get(0));
        for (int i = 1; i < r.head().size(); i++) {
            head.add(resolve(r.head().get(i), scope, declared));
        }
        Term key = r.key() == null ? null : resolve(r.key(), scope, declared);
        Term value = r.value() == null ? null : resolve(r.value(), scope, declared);
        List<Expr> body = resolveBody(r.body(), scope, declared);
        Set<String> bound = new HashSet<>();
        if (args != null) {
            for (Term a : args) {
                Vars.collect(a, bound, true);
            }
        }
        if (r.isDefault()) {
            Set<String> vs = new HashSet<>();
            Vars.collect(value, vs, false);
            if (!vs.isEmpty()) {
                throw compileError(r.loc(), "rego_compile_error", "default rule value cannot contain var " + vs.iterator().next());
            }
        }
        List<Expr> ordered = new Safety(r.file()).reorder(body, bound);
        // head terms must be bound by the body (or by their own iteration, as in q := xs[_])
        Safety hs = new Safety(r.file());
        Set<String> headNeeds = new LinkedHashSet<>();
        for (int i = 1; i < head.size(); i++) {
            headNeeds.addAll(hs.headNeeds(head.get(i), bound));
        }
        if (key != null) {
            headNeeds.addAll(hs.headNeeds(key, bound));
        }
        if (value != null) {
            headNeeds.addAll(hs.headNeeds(value, bound));
        }
        headNeeds.removeAll(bound);
        headNeeds.removeIf(Compiler::isRoot);
        if (!headNeeds.isEmpty()) {
            throw Safety.unsafeVars(r.loc(), headNeeds);
        }
        Rule elseRule = null;
        if (r.elseRule() != null) {
            Rule e = r.elseRule();
            elseRule = compileRule(new Rule(e.loc(), r.head(), r.args(), null, e.value(), false, e.body(), e.elseRule(),
                    e.file()), e, scope);
        }
        Rule compiled = new Rule(r.loc(), head, args, key, value, r.isDefault(), ordered, elseRule, r.file());
        originals.put(compiled, original);
        return compiled;
    }

    private static boolean hasTemplate(Term t) {
        if (t instanceof Term.Template) {
            return true;
        }
        if (t instanceof Term.ArrayLit a) {
            return a.elems().stream().anyMatch(Compiler::hasTemplate);
        }
        if (t instanceof Term.SetLit st) {
            return st.elems().stream().anyMatch(Compiler::hasTemplate);
        }
        if (t instanceof Term.ObjectLit o) {
            return o.keys().stream().anyMatch(Compiler::hasTemplate) || o.values().stream().anyMatch(Compiler::hasTemplate);
        }
        return false;
    }

    /**
     * A template string among a function's arguments is a value built from the body's variables, as in
     * {@code f($"{x}") if x = "a"}: the argument becomes a fresh variable, equated with the template at the
     * end of each body (OPA rewrites it the same way), so the body binds what the template reads.
     */
    private Rule hoistTemplateArgs(Rule r) {
        List<Term> args = new ArrayList<>();
        List<Expr> eqs = new ArrayList<>();
        for (Term a : r.args()) {
            if (hasTemplate(a)) {
                Term.Var v = new Term.Var("$targ" + (gen++), a.loc());
                args.add(v);
                eqs.add(new Expr(new Expr.Unify(v, a), false, List.of(), a.loc()));
            } else {
                args.add(a);
            }
        }
        return withArgs(r, args, eqs);
    }

    private static Rule withArgs(Rule r, List<Term> args, List<Expr> eqs) {
        List<Expr> body = new ArrayList<>(r.body());
        body.addAll(eqs);
        Rule elseRule = r.elseRule() == null ? null : withArgs(r.elseRule(), args, eqs);
        return new Rule(r.loc(), r.head(), args, r.key(), r.value(), r.isDefault(), body, elseRule, r.file());
    }

    private void applySchemas(TypeChecker tc, TypeEnv types) {
        if (inputSchema != null) {
            try {
                types.put(List.of("input"), SchemaTypes.of(inputSchema));
            } catch (IllegalArgumentException e) {
                errors.add(new RegoError("rego_type_error", "", 0, 0, e.getMessage()));
            }
        }
        tc.schemaAnnotations(compiled -> {
            Rule original = originals.get(compiled);
            return original == null ? List.of() : annotationSet.schemas(original);
        }, schemaSet);
    }

    /** Compiles a query against the program's packages (no package scope). */
    public CompiledQuery compileQuery(List<Expr> body, Program program) {
        functionArity.putAll(program.functionArity());
        Scope scope = new Scope();
        body = new LocalVars("", () -> gen++).query(body);
        Set<String> declared = new HashSet<>();
        Vars.declared(body, declared);
        List<Expr> resolved = resolveBody(body, scope, declared);
        List<Expr> ordered = new Safety("").reorder(resolved, new HashSet<>());
        List<RegoError> typeErrors = new TypeChecker(BuiltinDeclarations::of).checkQuery(program.types(), ordered);
        if (!typeErrors.isEmpty()) {
            throw new RegoCompileException(typeErrors);
        }
        Set<String> vars = new LinkedHashSet<>();
        for (Expr e : body) {
            Vars.collectExpr(e, vars, false);
        }
        vars.removeIf(v -> v.startsWith("$") || isRoot(v));
        return new CompiledQuery(ordered, List.copyOf(vars));
    }

    // ================================================================ name resolution

    private interface TermFn {
        Term apply(Term t);
    }

    private static List<Term> mapTerms(List<Term> ts, TermFn f) {
        List<Term> out = new ArrayList<>(ts.size());
        for (Term t : ts) {
            out.add(f.apply(t));
        }
        return out;
    }

    private List<Expr> resolveBody(List<Expr> body, Scope scope, Set<String> declared) {
        List<Expr> out = new ArrayList<>(body.size());
        for (Expr e : body) {
            out.add(resolveExpr(e, scope, declared));
        }
        return out;
    }

    private Expr resolveExpr(Expr e, Scope scope, Set<String> declared) {
        Expr.Kind k = e.kind();
        Expr.Kind nk;
        if (k instanceof Expr.TermExpr te) {
            // a call used as a statement may take one more operand: its output
            statementCall = te.term() instanceof Term.Call sc ? sc : null;
            Term t = resolve(te.term(), scope, declared);
            nk = new Expr.TermExpr(t);
            if (t instanceof Term.Call c) {
                int arity = arity(c.name());
                if (arity >= 0 && c.args().size() == arity + 1) {
                    Term out = c.args().get(arity);
                    nk = new Expr.Unify(metadataOr(new Term.Call(c.name(), List.copyOf(c.args().subList(0, arity)), c.loc())),
                            out);
                } else if (arity >= 0 && c.args().size() != arity && !c.name().equals("print")) {
                    throw arityError(c, arity);
                }
            }
        } else if (k instanceof Expr.Unify u) {
            nk = new Expr.Unify(resolve(u.left(), scope, declared), resolve(u.right(), scope, declared));
        } else if (k instanceof Expr.Assign a) {
            Set<String> lhs = new HashSet<>();
            Vars.collect(a.left(), lhs, false);
            nk = new Expr.Assign(resolvePattern(a.left()), resolve(a.right(), scope, declared));
        } else if (k instanceof Expr.SomeDecl) {
            nk = k;
        } else if (k instanceof Expr.SomeIn s) {
            nk = new Expr.SomeIn(s.key() == null ? null : resolvePattern(s.key()), resolvePattern(s.value()),
                    resolve(s.collection(), scope, declared));
        } else if (k instanceof Expr.Logical lg) {
            List<RegoError> assigns = new ArrayList<>();
            implicitAssignments(lg, assigns);
            if (!assigns.isEmpty()) {
                throw new RegoCompileException(assigns);
            }
            nk = new Expr.Logical(lg.or(), resolveBody(lg.lhs(), scope, declared), resolveBody(lg.rhs(), scope, declared),
                    lg.explicitLhs(), lg.explicitRhs());
        } else if (k instanceof Expr.NotBody nb) {
            nk = new Expr.NotBody(resolveBody(nb.body(), scope, declared), nb.explicit());
        } else {
            Expr.Every ev = (Expr.Every) k;
            nk = new Expr.Every(ev.key(), ev.value(), resolve(ev.collection(), scope, declared),
                    resolveBody(ev.body(), scope, declared));
        }
        if (e.negated() && k instanceof Expr.Assign) {
            throw compileError(e.loc(), "rego_compile_error", "cannot assign vars inside negated expression");
        }
        return new Expr(nk, e.negated(), resolveWiths(e.withs(), scope, declared), e.loc());
    }

    /**
     * {@code x := 1 or y} is refused: a single-expression operand cannot declare variables (only a braced
     * body can, and keeps them to itself). Collects every such operand of a chain, as OPA reports them all.
     */
    private static void implicitAssignments(Expr.Logical lg, List<RegoError> out) {
        for (int side = 0; side < 2; side++) {
            List<Expr> operand = side == 0 ? lg.lhs() : lg.rhs();
            if (side == 0 ? lg.explicitLhs() : lg.explicitRhs()) {
                continue;
            }
            for (Expr x : operand) {
                if (x.kind() instanceof Expr.Logical inner) {
                    implicitAssignments(inner, out);
                } else if (x.kind() instanceof Expr.Assign && !x.negated()) {
                    Location l = x.loc();
                    out.add(new RegoError("rego_compile_error", l.file(), l.row(), l.col(),
                            "cannot assign vars inside implicit " + (lg.or() ? "or" : "and") + " operand"));
                }
            }
        }
    }

    private List<Expr.With> resolveWiths(List<Expr.With> withs, Scope scope, Set<String> declared) {
        if (withs.isEmpty()) {
            return withs;
        }
        List<Expr.With> ws = new ArrayList<>();
        for (Expr.With w : withs) {
            ws.add(new Expr.With(resolveWithTarget(w.target(), scope, declared), resolveWithValue(w.value(), scope, declared),
                    w.loc()));
        }
        return ws;
    }

    /** Left sides of := and some-in bind fresh locals: no global resolution of bare vars. */
    private static Term resolvePattern(Term t) {
        return t;
    }

    private Term resolveWithTarget(Term t, Scope scope, Set<String> declared) {
        if (t instanceof Term.Var v && !isRoot(v.name())) {
            List<String> g = scope.global(v.name());
            if (g != null) {
                return new Term.Scalar(StringValue.of(String.join(".", g)), v.loc());
            }
            return new Term.Scalar(StringValue.of(v.name()), v.loc());
        }
        if (t instanceof Term.Ref r && r.head() instanceof Term.Var hv) {
            StringBuilder sb = new StringBuilder();
            List<String> g = isRoot(hv.name()) ? null : scope.global(hv.name());
            sb.append(g != null ? String.join(".", g) : hv.name());
            for (Term p : r.path()) {
                if (p instanceof Term.Scalar s && s.value() instanceof StringValue str) {
                    sb.append('.').append(str.value());
                } else {
                    throw compileError(t.loc(), "rego_type_error", "with keyword target must be a static reference");
                }
            }
            return new Term.Scalar(StringValue.of(sb.toString()), t.loc());
        }
        if (t instanceof Term.Var v) {
            return new Term.Scalar(StringValue.of(v.name()), v.loc());
        }
        throw compileError(t.loc(), "rego_type_error", "with keyword target must reference existing input, data, or a function");
    }

    /** Marks a with value that names a function (builtin or user) rather than a value. */
    public static final String FUNCTION_MARK = "\u0000fn:";

    private Term resolveWithValue(Term t, Scope scope, Set<String> declared) {
        String name = null;
        if (t instanceof Term.Var v && !declared.contains(v.name()) && !isRoot(v.name())) {
            name = v.name();
        } else if (t instanceof Term.Ref r && r.head() instanceof Term.Var hv && !declared.contains(hv.name())) {
            StringBuilder sb = new StringBuilder(hv.name());
            boolean ok = true;
            for (Term p : r.path()) {
                if (p instanceof Term.Scalar s && s.value() instanceof StringValue str) {
                    sb.append('.').append(str.value());
                } else {
                    ok = false;
                }
            }
            name = ok ? sb.toString() : null;
        }
        if (name != null) {
            int dot = name.indexOf('.');
            String first = dot < 0 ? name : name.substring(0, dot);
            List<String> g = first.equals("data") ? null : scope.global(first);
            String full = g != null ? String.join(".", g) + (dot < 0 ? "" : name.substring(dot)) : name;
            if (functionArity.containsKey(full)) {
                return new Term.Scalar(StringValue.of(FUNCTION_MARK + full), t.loc());
            }
            if (g == null && builtins.get(name) != null) {
                return new Term.Scalar(StringValue.of(FUNCTION_MARK + name), t.loc());
            }
        }
        return resolve(t, scope, declared);
    }

    private int arity(String name) {
        Integer a = functionArity.get(name);
        if (a != null) {
            return a;
        }
        BuiltinFunction b = builtins.get(name);
        return b == null ? -1 : b.arity();
    }

    /** OPA's arity errors: a builtin's with the operand types and its signature, a function's with counts. */
    private RegoCompileException arityError(Term.Call c, int arity) {
        FunctionType decl = c.name().startsWith("data.") ? null : BuiltinDeclarations.of(c.name());
        if (decl != null) {
            StringBuilder have = new StringBuilder("(");
            for (int i = 0; i < c.args().size(); i++) {
                if (i > 0) {
                    have.append(", ");
                }
                have.append(Types.sprint(staticType(c.args().get(i))));
            }
            return compileError(c.loc(), "rego_type_error", c.name() + ": arity mismatch\n\thave: " + have
                    + ")\n\twant: " + decl.namedArgs(false));
        }
        int n = c.args().size();
        return compileError(c.loc(), "rego_type_error", "function " + c.name() + " has arity " + arity + ", got " + n
                + (n == 1 ? " argument" : " arguments"));
    }

    /** An operand's type as known before type checking: constants, and any for data and input. */
    private static Type staticType(Term t) {
        if (t instanceof Term.Scalar s) {
            return Types.ofConstant(s.value());
        }
        Term head = t instanceof Term.Ref r ? r.head() : t;
        return head instanceof Term.Var v && isRoot(v.name()) ? Type.ANY : null;
    }

    private Term resolve(Term t, Scope scope, Set<String> declared) {
        if (t instanceof Term.Scalar) {
            return t;
        }
        if (t instanceof Term.Var v) {
            if (isRoot(v.name()) || declared.contains(v.name())) {
                return v;
            }
            List<String> g = scope.global(v.name());
            return g == null ? v : pathRef(g, v.loc());
        }
        if (t instanceof Term.Ref r) {
            List<Term> path = mapTerms(r.path(), x -> resolve(x, scope, declared));
            Term head = resolve(r.head(), scope, declared);
            if (head instanceof Term.Ref hr) {
                List<Term> all = new ArrayList<>(hr.path());
                all.addAll(path);
                return new Term.Ref(hr.head(), all, r.loc());
            }
            return new Term.Ref(head, path, r.loc());
        }
        if (t instanceof Term.ArrayLit a) {
            return new Term.ArrayLit(mapTerms(a.elems(), x -> resolve(x, scope, declared)), a.loc());
        }
        if (t instanceof Term.SetLit s) {
            return new Term.SetLit(mapTerms(s.elems(), x -> resolve(x, scope, declared)), s.loc());
        }
        if (t instanceof Term.ObjectLit o) {
            return new Term.ObjectLit(mapTerms(o.keys(), x -> resolve(x, scope, declared)),
                    mapTerms(o.values(), x -> resolve(x, scope, declared)), o.loc());
        }
        if (t instanceof Term.Call c) {
            String name = resolveCallName(c, scope, declared);
            if (c != statementCall) {
                int arity = arity(name);
                if (arity >= 0 && c.args().size() != arity && !name.equals("print")) {
                    throw arityError(new Term.Call(name, c.args(), c.loc()), arity);
                }
            }
            List<Term> args = mapTerms(c.args(), x -> resolve(x, scope, declared));
            if (name.equals("print")) {
                List<Term> wrapped = new ArrayList<>();
                for (Term a : args) {
                    Term.Var tmp = new Term.Var("$print" + (gen++), a.loc());
                    wrapped.add(new Term.SetCompr(tmp, List.of(new Expr(new Expr.Assign(tmp, a), false, List.of(), a.loc())),
                            a.loc()));
                }
                args = wrapped;
            }
            return metadataOr(new Term.Call(name, args, c.loc()));
        }
        if (t instanceof Term.ArrayCompr c) {
            return new Term.ArrayCompr(resolve(c.head(), scope, declared), resolveBody(c.body(), scope, declared), c.loc());
        }
        if (t instanceof Term.SetCompr c) {
            return new Term.SetCompr(resolve(c.head(), scope, declared), resolveBody(c.body(), scope, declared), c.loc());
        }
        if (t instanceof Term.ObjectCompr c) {
            return new Term.ObjectCompr(resolve(c.key(), scope, declared), resolve(c.value(), scope, declared),
                    resolveBody(c.body(), scope, declared), c.loc());
        }
        Term.Template tp = (Term.Template) t;
        List<Expr> parts = new ArrayList<>(tp.parts().size());
        for (int i = 0; i < tp.parts().size(); i++) {
            Expr pe = tp.parts().get(i);
            parts.add(new Expr(new Expr.TermExpr(resolve(tp.term(i), scope, declared)), false,
                    resolveWiths(pe.withs(), scope, declared), pe.loc()));
        }
        return new Term.Template(tp.literals(), parts, tp.loc());
    }

    /**
     * {@code rego.metadata.chain()} and {@code rego.metadata.rule()} inside a rule are constants known at
     * compile time (OPA rewrites them the same way); elsewhere the call stays.
     */
    private Term metadataOr(Term.Call c) {
        if (currentRule == null || !c.args().isEmpty()) {
            return c;
        }
        if (c.name().equals("rego.metadata.chain")) {
            return new Term.Scalar(annotationSet.chain(currentRule), c.loc());
        }
        if (c.name().equals("rego.metadata.rule")) {
            return new Term.Scalar(annotationSet.rule(currentRule), c.loc());
        }
        return c;
    }

    private String resolveCallName(Term.Call c, Scope scope, Set<String> declared) {
        String name = c.name();
        int dot = name.indexOf('.');
        String first = dot < 0 ? name : name.substring(0, dot);
        String rest = dot < 0 ? "" : name.substring(dot);
        if (first.equals("data")) {
            return name;
        }
        List<String> g = scope.global(first);
        String resolved;
        if (g != null && !declared.contains(first)) {
            resolved = String.join(".", g) + rest;
        } else {
            resolved = name;
        }
        if (resolved.startsWith("data.")) {
            if (!functionArity.containsKey(resolved) && builtins.get(name) == null) {
                // a call through a rule that is not a function
                throw compileError(c.loc(), "rego_type_error", "undefined function " + resolved);
            }
            if (!functionArity.containsKey(resolved)) {
                return name;
            }
            return resolved;
        }
        if (builtins.get(resolved) == null) {
            throw compileError(c.loc(), "rego_type_error", "undefined function " + name);
        }
        if (scope.v1Checks && DEPRECATED_BUILTINS.contains(resolved)) {
            throw compileError(c.loc(), "rego_type_error", "deprecated built-in function calls in expression: " + resolved);
        }
        return resolved;
    }

    private static Term pathRef(List<String> path, Location loc) {
        List<Term> p = new ArrayList<>();
        for (int i = 1; i < path.size(); i++) {
            p.add(new Term.Scalar(StringValue.of(path.get(i)), loc));
        }
        Term.Var head = new Term.Var(path.get(0), loc);
        return p.isEmpty() ? head : new Term.Ref(head, p, loc);
    }

    static RegoCompileException compileError(Location loc, String code, String msg) {
        return new RegoCompileException(new RegoError(code, loc.file(), loc.row(), loc.col(), msg));
    }
}
