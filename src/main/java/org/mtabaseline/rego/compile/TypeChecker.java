package org.mtabaseline.rego.compile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.mtabaseline.rego.RegoError;
import org.mtabaseline.rego.ast.AstChildren;
import org.mtabaseline.rego.ast.Expr;
import org.mtabaseline.rego.ast.Location;
import org.mtabaseline.rego.ast.Rule;
import org.mtabaseline.rego.ast.Term;
import org.mtabaseline.rego.types.SchemaTypes;
import org.mtabaseline.rego.types.Type;
import org.mtabaseline.rego.types.Type.AnyType;
import org.mtabaseline.rego.types.Type.ArrayType;
import org.mtabaseline.rego.types.Type.FunctionType;
import org.mtabaseline.rego.types.Type.ObjectType;
import org.mtabaseline.rego.types.Type.Property;
import org.mtabaseline.rego.types.Type.SetType;
import org.mtabaseline.rego.types.Types;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/**
 * The compile-time type checker, following OPA's ast/check.go on compiled bodies. Rules are checked with
 * their dependencies first; each body infers the types of its variables by unifying them with the
 * declared types of builtin operands, with the types of rules ({@code data}) and of literals; a mismatch
 * is a {@code rego_type_error} ("match error", "invalid argument(s)", "undefined ref") with OPA's
 * details. {@code input} and base documents are {@code any}. A rule whose body has an error gets type
 * {@code any}, so its callers are not blamed for it. What OPA rewrites into extra expressions (nested
 * calls, refs in arguments, {@code some ... in}) is typed here in place, in the same order.
 */
final class TypeChecker {
    private static final int ERROR_LIMIT = 10;

    private final Function<String, FunctionType> builtins;
    private final List<RegoError> errors = new ArrayList<>();
    private final Map<String, List<Term>> functionPaths = new java.util.HashMap<>();
    /** Signatures of user functions by name, valid until the next rule type is added. */
    private final Map<String, Type> functionTypes = new java.util.HashMap<>();
    private int synthetic;

    private Function<Rule, List<AnnotationSet.SchemaAnnotation>> schemaAnnotations = r -> List.of();
    private Map<String, com.fasterxml.jackson.databind.JsonNode> schemaSet = Map.of();
    private final Map<Object, Type> schemaTypes = new java.util.HashMap<>();

    TypeChecker(Function<String, FunctionType> builtins) {
        this.builtins = builtins;
    }

    /** Applies METADATA schemas annotations to the rules they annotate, resolving references in the set. */
    void schemaAnnotations(Function<Rule, List<AnnotationSet.SchemaAnnotation>> annotations,
                           Map<String, com.fasterxml.jackson.databind.JsonNode> set) {
        this.schemaAnnotations = annotations;
        this.schemaSet = set;
    }

    /** The errors found, sorted by location, at most OPA's limit of ten. */
    List<RegoError> errors() {
        List<RegoError> out = new ArrayList<>(errors);
        out.sort(Comparator.comparing(RegoError::file).thenComparingInt(RegoError::row).thenComparingInt(RegoError::col)
                .thenComparing(RegoError::message));
        return out.size() > ERROR_LIMIT ? out.subList(0, ERROR_LIMIT) : out;
    }

    /** A failed check: the error, and whether an unknown type is part of its cause. */
    private record Problem(RegoError error, boolean nilCause) {
    }

    /** The state of one body being checked: its scope, its errors, the types of its calls and closures. */
    private final class Body {
        final TypeEnv env;
        final List<RegoError> errs = new ArrayList<>();
        /** Types of calls, closures and constant data refs already worked out (created when first needed). */
        private Map<Term, Type> computed;

        Body(TypeEnv parent) {
            this.env = parent.wrap();
        }

        boolean has(Term t) {
            return computed != null && computed.containsKey(t);
        }

        Type get(Term t) {
            return computed == null ? null : computed.get(t);
        }

        void put(Term t, Type type) {
            if (computed == null) {
                computed = new IdentityHashMap<>(8);
            }
            computed.put(t, type);
        }
    }

    // ================================================================ rules

    /** Checks the rules placed at a node of the rule tree and adds their types to env at its path. */
    void checkNode(TypeEnv env, Node n) {
        List<Object> path = new ArrayList<>();
        path.add("data");
        for (String s : n.segments) {
            path.add(StringValue.of(s));
        }
        for (RuleDef d : n.definitions()) {
            for (Rule r = d.rule(); r != null; r = r.elseRule()) {
                checkRule(env, r, d.suffix(), path);
            }
        }
    }

    private void checkRule(TypeEnv env, Rule r, List<Term> suffix, List<Object> path) {
        TypeEnv ruleEnv = env;
        List<AnnotationSet.SchemaAnnotation> schemas = schemaAnnotations.apply(r);
        if (!schemas.isEmpty()) {
            functionTypes.clear(); // this rule sees data through its annotations
            ruleEnv = env.wrap();
            for (AnnotationSet.SchemaAnnotation a : schemas) {
                applySchema(ruleEnv, a, r);
            }
        }
        Body b = checkBody(ruleEnv, r.body());
        if (!schemas.isEmpty()) {
            functionTypes.clear();
        }
        List<Term> head = new ArrayList<>();
        if (r.args() != null) {
            head.addAll(r.args());
        }
        head.addAll(suffix);
        if (r.key() != null) {
            head.add(r.key());
        }
        if (r.value() != null) {
            head.add(r.value());
        }
        checkTerms(b, head, r.loc());
        if (!b.errs.isEmpty()) {
            errors.addAll(b.errs);
            env.put(path, Type.ANY);
            functionTypes.clear();
            return;
        }
        Type tpe;
        if (r.isFunction()) {
            List<Type> args = new ArrayList<>();
            for (Term a : r.args()) {
                Set<String> vars = new LinkedHashSet<>();
                Vars.collect(a, vars, false);
                for (String v : vars) {
                    if (b.env.var(v) == null) {
                        b.env.putVar(v, Type.ANY);
                    }
                }
                args.add(typeOf(b, a));
            }
            Type result = typeOf(b, r.value());
            tpe = new FunctionType(args, result == null ? Type.ANY : result);
        } else if (r.isMultiValue()) {
            Type k = typeOf(b, r.key());
            tpe = k == null || !suffix.isEmpty() ? null : new SetType(k);
        } else {
            Type v = typeOf(b, r.value());
            tpe = suffix.isEmpty() ? v : nestedObject(b, suffix, 0, v);
        }
        if (tpe != null) {
            env.insert(path, tpe);
            functionTypes.clear();
        }
    }

    /** Types the annotated document path in the rule's environment (OPA's checkRule with schema annotations). */
    private void applySchema(TypeEnv env, AnnotationSet.SchemaAnnotation a, Rule r) {
        Type t;
        try {
            if (a.schemaRef() != null) {
                List<String> ref = a.schemaRef();
                String name = String.join(".", ref.subList(1, ref.size()));
                com.fasterxml.jackson.databind.JsonNode schema = ref.size() > 1 && ref.get(0).equals("schema")
                        ? schemaSet.get(name) : null;
                if (schema == null) {
                    List<Term> parts = new ArrayList<>();
                    for (String p : ref.subList(1, ref.size())) {
                        parts.add(new Term.Scalar(StringValue.of(p), Location.NONE));
                    }
                    String text = TermText.ref(new Term.Var(ref.get(0), Location.NONE), parts, parts.size());
                    errors.add(error(r.loc(), "undefined schema: " + text));
                    return;
                }
                t = schemaTypes.computeIfAbsent(name, k -> SchemaTypes.of(schema));
            } else {
                t = SchemaTypes.of(a.definition());
            }
        } catch (IllegalArgumentException e) {
            errors.add(error(r.loc(), e.getMessage()));
            return;
        }
        List<String> path = a.path();
        if (path.isEmpty() || !Compiler.isRoot(path.get(0))) {
            return;
        }
        List<Term> tail = new ArrayList<>();
        for (String p : path.subList(1, path.size())) {
            tail.add(new Term.Scalar(StringValue.of(p), Location.NONE));
        }
        // the shortest prefix with a known type is overridden below it; otherwise the whole path is set
        Type prefix = null;
        int prefixLen = 0;
        if (path.size() == 1) {
            prefix = env.ref(path.get(0), List.of());
            prefixLen = 1;
        } else {
            for (int i = 1; i < path.size() && prefix == null; i++) {
                prefix = env.ref(path.get(0), tail.subList(0, i - 1));
                prefixLen = i;
            }
        }
        List<Object> keys = new ArrayList<>();
        keys.add(path.get(0));
        for (int i = 1; i < path.size(); i++) {
            keys.add(StringValue.of(path.get(i)));
        }
        if (prefix == null || prefixLen == path.size()) {
            env.put(keys, t);
        } else {
            env.put(keys.subList(0, prefixLen), override(path.subList(prefixLen, path.size()), prefix, t));
        }
    }

    /** t with the type at path replaced by o, objects created where needed (OPA's override). */
    private static Type override(List<String> path, Type t, Type o) {
        if (!(t instanceof ObjectType obj)) {
            return objectAlong(path, o, Type.ANY, Type.ANY);
        }
        List<Property> props = new ArrayList<>();
        boolean found = false;
        for (Property p : obj.statics()) {
            Type v = p.value();
            if (p.key() instanceof StringValue k && k.value().equals(path.get(0))) {
                found = true;
                v = path.size() == 1 ? o : override(path.subList(1, path.size()), v, o);
            }
            props.add(new Property(p.key(), v));
        }
        if (!found) {
            props.addAll(((ObjectType) objectAlong(path, o, obj.dynamicKey(), obj.dynamicValue())).statics());
        }
        return new ObjectType(props, obj.dynamicKey(), obj.dynamicValue());
    }

    private static Type objectAlong(List<String> path, Type o, Type dk, Type dv) {
        Type inner = path.size() == 1 ? o : objectAlong(path.subList(1, path.size()), o, dk, dv);
        return new ObjectType(List.of(new Property(StringValue.of(path.get(0)), inner)), dk, dv);
    }

    /** p[k1][k2] := v: object[type of k1: object[type of k2: type of v]]; null when a part is unknown. */
    private Type nestedObject(Body b, List<Term> keys, int i, Type leaf) {
        if (i == keys.size()) {
            return leaf;
        }
        Type v = nestedObject(b, keys, i + 1, leaf);
        if (v == null) {
            return null;
        }
        Type k = typeOf(b, keys.get(i));
        return k == null ? null : new ObjectType(List.of(), k, v);
    }

    /** Checks a query body against the program's types. */
    List<RegoError> checkQuery(TypeEnv env, List<Expr> body) {
        Body b = checkBody(env, body);
        errors.addAll(b.errs);
        return errors();
    }

    // ================================================================ bodies

    private Body checkBody(TypeEnv parent, List<Expr> body) {
        Body b = new Body(parent);
        for (int i = 0; i < body.size(); i++) {
            checkExpr(b, body.get(i));
        }
        return b;
    }

    /** One expression: its closures, then its references, then its calls and unification. */
    private void checkExpr(Body b, Expr e) {
        int before = b.errs.size();
        List<Term> terms = new ArrayList<>();
        Term someRef = null;
        Expr.Kind k = e.kind();
        if (k instanceof Expr.SomeIn s) {
            someRef = someInRef(b, s);
            terms.add(s.value());
            if (s.key() != null) {
                terms.add(s.key());
            }
            terms.add(s.collection());
        } else {
            collectTerms(k, terms);
        }
        for (Expr.With w : e.withs()) {
            terms.add(w.value());
        }
        List<Expr> nested = new ArrayList<>();
        nestedBodies(k, nested);
        closures(b, terms, nested);
        refs(b, terms, nested, e.loc());
        if (someRef instanceof Term.Ref r) {
            checkRef(b, r, e.loc());
        }
        boolean suppress = b.errs.size() > before;
        for (Expr.With w : e.withs()) {
            report(b, checkWith(b, w), suppress);
        }
        Term.Call top = k instanceof Expr.TermExpr te && te.term() instanceof Term.Call c ? c : null;
        for (Term t : terms) {
            calls(b, t, top, suppress);
        }
        if (top != null) {
            report(b, checkCall(b, top, false), suppress);
        } else if (k instanceof Expr.Unify u) {
            report(b, checkEq(b, u.left(), u.right(), e.loc()), suppress);
        } else if (k instanceof Expr.Assign a) {
            report(b, checkEq(b, a.left(), a.right(), e.loc()), suppress);
        } else if (k instanceof Expr.SomeIn s) {
            report(b, checkEq(b, s.value(), someRef, e.loc()), suppress);
        }
    }

    private void report(Body b, Problem p, boolean suppress) {
        if (p != null && !(suppress && p.nilCause())) {
            b.errs.add(p.error());
        }
    }

    /** Checks the terms of a rule head or comprehension head as if they were an expression of the body. */
    private void checkTerms(Body b, List<Term> terms, Location loc) {
        int before = b.errs.size();
        closures(b, terms, List.of());
        refs(b, terms, List.of(), loc);
        boolean suppress = b.errs.size() > before;
        for (Term t : terms) {
            calls(b, t, null, suppress);
        }
    }

    private static void collectTerms(Expr.Kind k, List<Term> out) {
        if (k instanceof Expr.TermExpr t) {
            out.add(t.term());
        } else if (k instanceof Expr.Unify u) {
            out.add(u.left());
            out.add(u.right());
        } else if (k instanceof Expr.Assign a) {
            out.add(a.left());
            out.add(a.right());
        } else if (k instanceof Expr.Every ev) {
            out.add(ev.collection());
        }
    }

    /** Bodies whose expressions OPA does not check one by one (every, logic operators): only their refs and closures. */
    private static void nestedBodies(Expr.Kind k, List<Expr> out) {
        if (k instanceof Expr.Every ev) {
            out.addAll(ev.body());
        } else if (k instanceof Expr.Logical l) {
            out.addAll(l.lhs());
            out.addAll(l.rhs());
        } else if (k instanceof Expr.NotBody nb) {
            out.addAll(nb.body());
        }
    }

    /** some k, v in xs is v = xs[k] (k fresh when absent); a non-ref collection is bound to a variable first. */
    private Term someInRef(Body b, Expr.SomeIn s) {
        Term key = s.key() != null ? s.key() : new Term.Var("$key" + (synthetic++), s.value().loc());
        Term coll = s.collection();
        if (coll instanceof Term.Ref r) {
            List<Term> path = new ArrayList<>(r.path());
            path.add(key);
            return new Term.Ref(r.head(), path, r.loc());
        }
        if (coll instanceof Term.Var) {
            return new Term.Ref(coll, List.of(key), coll.loc());
        }
        return new Term.Ref(coll, List.of(key), coll.loc());
    }

    // ================================================================ closures

    private void closures(Body b, List<Term> terms, List<Expr> nested) {
        for (Term t : terms) {
            closuresIn(b, t);
        }
        for (Expr e : nested) {
            List<Term> ts = new ArrayList<>();
            collectTerms(e.kind(), ts);
            if (e.kind() instanceof Expr.SomeIn s) {
                ts.add(s.collection());
            }
            for (Expr.With w : e.withs()) {
                ts.add(w.value());
            }
            List<Expr> deeper = new ArrayList<>();
            nestedBodies(e.kind(), deeper);
            closures(b, ts, deeper);
        }
    }

    private void closuresIn(Body b, Term t) {
        if (AstChildren.isComprehension(t) || t instanceof Term.Template) {
            closureType(b, t, true);
        } else {
            AstChildren.forEachChild(t, x -> closuresIn(b, x), body -> { }); // only closures have bodies
        }
    }

    /** The type of a comprehension (null when its body has errors); errors are reported once, when asked to. */
    private Type closureType(Body b, Term t, boolean report) {
        if (b.has(t)) {
            return b.get(t);
        }
        Type out;
        List<RegoError> errs = new ArrayList<>();
        if (t instanceof Term.Template tp) {
            for (Expr part : tp.parts()) {
                Body cb = checkBody(b.env, List.of(part));
                errs.addAll(cb.errs);
            }
            out = Type.STRING;
        } else {
            List<Expr> body;
            List<Term> heads;
            if (t instanceof Term.ArrayCompr c) {
                body = c.body();
                heads = List.of(c.head());
            } else if (t instanceof Term.SetCompr c) {
                body = c.body();
                heads = List.of(c.head());
            } else {
                Term.ObjectCompr c = (Term.ObjectCompr) t;
                body = c.body();
                heads = List.of(c.key(), c.value());
            }
            Body cb = checkBody(b.env, body);
            checkTerms(cb, heads, t.loc());
            errs.addAll(cb.errs);
            if (!cb.errs.isEmpty()) {
                out = null;
            } else if (t instanceof Term.ArrayCompr) {
                out = new ArrayType(List.of(), typeOf(cb, heads.get(0)));
            } else if (t instanceof Term.SetCompr) {
                out = new SetType(typeOf(cb, heads.get(0)));
            } else {
                out = new ObjectType(List.of(), typeOf(cb, heads.get(0)), typeOf(cb, heads.get(1)));
            }
        }
        b.put(t, out);
        if (report) {
            b.errs.addAll(errs);
        }
        return out;
    }

    // ================================================================ calls

    /** Checks the calls nested in t, innermost first (OPA lifts them into expressions of their own). */
    private void calls(Body b, Term t, Term.Call top, boolean suppress) {
        if (AstChildren.isComprehension(t) || t instanceof Term.Template) {
            return; // closures are checked as bodies of their own
        }
        if (t instanceof Term.ObjectLit o) { // pairs in turn: the order errors are reported in
            for (int i = 0; i < o.keys().size(); i++) {
                calls(b, o.keys().get(i), top, suppress);
                calls(b, o.values().get(i), top, suppress);
            }
            return;
        }
        AstChildren.forEachChild(t, x -> calls(b, x, top, suppress), body -> { });
        if (t instanceof Term.Call c && c != top) {
            report(b, checkCall(b, c, true), suppress);
        }
    }

    /** The signature a call is checked against: a builtin's declaration or a function's inferred type. */
    private Type functionType(Body b, String name) {
        if (name.startsWith("data.")) {
            Type t = functionTypes.get(name);
            if (t == null && !functionTypes.containsKey(name)) {
                t = b.env.ref("data", functionPaths.computeIfAbsent(name, n -> pathTerms(n.substring(5))));
                functionTypes.put(name, t);
            }
            return t;
        }
        return builtins.apply(name);
    }

    private static List<Term> pathTerms(String dotted) {
        List<Term> out = new ArrayList<>();
        for (String s : dotted.split("\\.")) {
            out.add(new Term.Scalar(StringValue.of(s), Location.NONE));
        }
        return out;
    }

    /**
     * Checks a call's operands against its signature and records its result type. A call whose result is
     * used has, in OPA's rewritten form, one more operand (the variable for the result), shown as "???".
     */
    private Problem checkCall(Body b, Term.Call c, boolean output) {
        Type t = functionType(b, c.name());
        b.put(c, null);
        if (!(t instanceof FunctionType f)) {
            return null; // undeclared builtin, or a function whose body has errors (any)
        }
        List<Term> args = c.args();
        int operands = args.size() + (output ? 1 : 0);
        int max = f.args().size() + (f.result() != null ? 1 : 0);
        if (operands > max && f.variadic() == null) {
            return argError(b, c, "too many arguments", haveTypes(b, args, output), f);
        }
        if (operands < f.args().size()) {
            return argError(b, c, "too few arguments", haveTypes(b, args, output), f);
        }
        for (int i = 0; i < args.size(); i++) {
            Type want = i < f.args().size() ? f.args().get(i) : i == f.args().size() && f.result() != null
                    && f.variadic() == null ? f.result() : f.variadic();
            if (!unify1(b, args.get(i), want, false)) {
                return argError(b, c, "invalid argument(s)", haveTypes(b, args, output), f);
            }
        }
        b.put(c, f.result());
        return null;
    }

    private List<Type> haveTypes(Body b, List<Term> args, boolean output) {
        List<Type> out = new ArrayList<>(args.size() + 1);
        for (Term a : args) {
            out.add(typeOf(b, a));
        }
        if (output) {
            out.add(null);
        }
        return out;
    }

    private Problem argError(Body b, Term.Call c, String msg, List<Type> have, FunctionType want) {
        StringBuilder h = new StringBuilder("(");
        boolean nil = false;
        for (int i = 0; i < have.size(); i++) {
            if (i > 0) {
                h.append(", ");
            }
            h.append(Types.sprint(have.get(i)));
            nil |= Types.isNil(have.get(i));
        }
        h.append(')');
        String text = c.name() + ": " + msg + "\n\thave: " + h + "\n\twant: " + want.namedArgs(true);
        return new Problem(error(c.loc(), text), nil);
    }

    // ================================================================ with

    private Problem checkWith(Body b, Expr.With w) {
        if (!(w.target() instanceof Term.Scalar ts) || !(ts.value() instanceof StringValue target)) {
            return null;
        }
        Type tt = functionType(b, target.value());
        if (!(tt instanceof FunctionType t)) {
            return null;
        }
        Type vt;
        if (w.value() instanceof Term.Scalar vs && vs.value() instanceof StringValue mark
                && mark.value().startsWith(Compiler.FUNCTION_MARK)) {
            vt = functionType(b, mark.value().substring(Compiler.FUNCTION_MARK.length()));
        } else {
            return null; // replaced by a value: nothing to check
        }
        if (vt instanceof FunctionType v && !Types.unifies(t, v)) {
            String text = target.value() + ": arity mismatch\n\thave: (" + joinTypes(v.args()) + ")\n\twant: "
                    + t.namedArgs(true);
            return new Problem(error(w.loc(), text), false);
        }
        return null;
    }

    private static String joinTypes(List<Type> ts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ts.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(Types.sprint(ts.get(i)));
        }
        return sb.toString();
    }

    // ================================================================ unification

    private Problem checkEq(Body b, Term a, Term c, Location loc) {
        Type ta = typeOf(b, a);
        Type tc = typeOf(b, c);
        if (!unify2(b, a, ta, c, tc)) {
            String text = "match error\n\tleft  : " + Types.sprint(ta) + "\n\tright : " + Types.sprint(tc);
            return new Problem(error(loc, text), Types.isNil(ta) || Types.isNil(tc));
        }
        return null;
    }

    /** A variable-like term: a var, or a call standing for the variable OPA would bind its result to. */
    private static boolean varLike(Term t) {
        return t instanceof Term.Var || t instanceof Term.Call;
    }

    private boolean unify2(Body b, Term a, Type ta, Term c, Type tc) {
        boolean nilA = Types.isNil(ta);
        boolean nilC = Types.isNil(tc);
        if (nilA && !nilC) {
            return unify1(b, a, tc, false);
        } else if (nilC && !nilA) {
            return unify1(b, c, ta, false);
        } else if (!nilA) {
            return Types.unifies(ta, tc);
        }
        if (a instanceof Term.ArrayLit) {
            return unify2Array(b, a, c);
        }
        if (a instanceof Term.ObjectLit) {
            return unify2Object(b, a, c);
        }
        if (varLike(a)) {
            if (varLike(c)) {
                return unify1(b, a, Type.ANY, false) && unify1(b, c, typeOf(b, a), false);
            }
            if (c instanceof Term.ArrayLit) {
                return unify2Array(b, c, a);
            }
            if (c instanceof Term.ObjectLit) {
                return unify2Object(b, c, a);
            }
        }
        return false;
    }

    private boolean unify2Array(Body b, Term a, Term c) {
        List<Term> elems = ((Term.ArrayLit) a).elems();
        if (c instanceof Term.ArrayLit ca) {
            if (elems.size() != ca.elems().size()) {
                return false;
            }
            for (int i = 0; i < elems.size(); i++) {
                Term x = elems.get(i);
                Term y = ca.elems().get(i);
                if (!unify2(b, x, typeOf(b, x), y, typeOf(b, y))) {
                    return false;
                }
            }
            return true;
        }
        if (varLike(c)) {
            return unify1(b, a, Type.ANY, false) && unify1(b, c, typeOf(b, a), false);
        }
        return false;
    }

    private boolean unify2Object(Body b, Term a, Term c) {
        Term.ObjectLit o = (Term.ObjectLit) a;
        if (c instanceof Term.ObjectLit oc) {
            if (o.keys().size() != oc.keys().size()) {
                return false;
            }
            for (int i = 0; i < o.keys().size(); i++) {
                int j = sameKey(oc, o.keys().get(i));
                if (j < 0) {
                    return false;
                }
                Term x = o.values().get(i);
                Term y = oc.values().get(j);
                if (!unify2(b, x, typeOf(b, x), y, typeOf(b, y))) {
                    return false;
                }
            }
            return true;
        }
        if (varLike(c)) {
            return unify1(b, a, Type.ANY, false) && unify1(b, c, typeOf(b, a), false);
        }
        return false;
    }

    private static int sameKey(Term.ObjectLit o, Term k) {
        for (int j = 0; j < o.keys().size(); j++) {
            if (o.keys().get(j).equals(k) || (o.keys().get(j) instanceof Term.Scalar s && k instanceof Term.Scalar ks
                    && s.value().equals(ks.value()))) {
                return j;
            }
        }
        return -1;
    }

    /** Unifies a term with a type, typing its variables (OPA's unify1). */
    /**
     * A composite literal against an any-of type: plain any makes every part any; otherwise the literal must
     * unify with at least one member (each member is tried, as OPA's unify1 does, so all bind).
     */
    private boolean unifyWithAnyOf(Body b, Term t, AnyType any, List<Term> parts) {
        if (any.isAny()) {
            for (Term x : parts) {
                unify1(b, x, Type.ANY, true);
            }
            return true;
        }
        boolean ok = false;
        for (Type m : any.of()) {
            ok = unify1(b, t, m, true) || ok;
        }
        return ok;
    }

    private boolean unify1(Body b, Term t, Type tpe, boolean union) {
        if (t instanceof Term.Scalar s) {
            return unifyValue(b, s.value(), tpe);
        }
        if (t instanceof Term.Var v) {
            if (!union) {
                Type exist = b.env.var(v.name());
                if (exist != null) {
                    return Types.unifies(exist, tpe);
                }
                b.env.putVar(v.name(), tpe);
            } else {
                b.env.putVar(v.name(), Types.or(b.env.var(v.name()), tpe));
            }
            return true;
        }
        if (t instanceof Term.Call c) {
            Type r = b.get(c);
            return r == null || Types.unifies(r, tpe);
        }
        if (t instanceof Term.ArrayLit a) {
            if (tpe instanceof ArrayType at) {
                if (a.elems().size() != at.statics().size() && at.dynamic() == null) {
                    return false;
                }
                for (int i = 0; i < a.elems().size(); i++) {
                    if (!unify1(b, a.elems().get(i), at.select(i), union)) {
                        return false;
                    }
                }
                return true;
            }
            if (tpe instanceof AnyType any) {
                return unifyWithAnyOf(b, t, any, a.elems());
            }
            return false;
        }
        if (t instanceof Term.ObjectLit o) {
            if (tpe instanceof ObjectType ot) {
                if (o.keys().size() != ot.statics().size() && ot.dynamicValue() == null) {
                    return false;
                }
                for (int i = 0; i < o.keys().size(); i++) {
                    Term k = o.keys().get(i);
                    Term v = o.values().get(i);
                    if (k instanceof Term.Scalar ks) {
                        Type child = selectConstant(tpe, ks.value());
                        if (child == null || !unify1(b, v, child, union)) {
                            return false;
                        }
                    } else {
                        unify1(b, v, Type.ANY, union);
                    }
                }
                return true;
            }
            if (tpe instanceof AnyType any) {
                List<Term> parts = new ArrayList<>(2 * o.keys().size());
                for (int i = 0; i < o.keys().size(); i++) {
                    parts.add(o.keys().get(i));
                    parts.add(o.values().get(i));
                }
                return unifyWithAnyOf(b, t, any, parts);
            }
            return false;
        }
        if (t instanceof Term.SetLit s) {
            if (tpe instanceof SetType st) {
                Type of = Types.values(st);
                for (Term x : s.elems()) {
                    if (!unify1(b, x, of, union)) {
                        return false;
                    }
                }
                return true;
            }
            if (tpe instanceof AnyType any) {
                return unifyWithAnyOf(b, t, any, s.elems());
            }
            return false;
        }
        // refs, comprehensions, templates
        return Types.unifies(typeOf(b, t), tpe);
    }

    /** unify1 for a constant: composites element by element, as OPA does for ground composite terms. */
    private boolean unifyValue(Body b, Value v, Type tpe) {
        if (v instanceof ArrayValue a) {
            if (tpe instanceof ArrayType at) {
                if (a.size() != at.statics().size() && at.dynamic() == null) {
                    return false;
                }
                for (int i = 0; i < a.size(); i++) {
                    if (!unifyValue(b, a.get(i), at.select(i))) {
                        return false;
                    }
                }
                return true;
            }
            return tpe instanceof AnyType any && anyOf(b, v, any);
        }
        if (v instanceof ObjectValue o) {
            if (tpe instanceof ObjectType ot) {
                if (o.size() != ot.statics().size() && ot.dynamicValue() == null) {
                    return false;
                }
                for (int i = 0; i < o.size(); i++) {
                    Type child = selectConstant(tpe, o.keyAt(i));
                    if (child == null || !unifyValue(b, o.valueAt(i), child)) {
                        return false;
                    }
                }
                return true;
            }
            return tpe instanceof AnyType any && anyOf(b, v, any);
        }
        if (v instanceof SetValue s) {
            if (tpe instanceof SetType st) {
                Type of = Types.values(st);
                for (Value x : s.list()) {
                    if (!unifyValue(b, x, of)) {
                        return false;
                    }
                }
                return true;
            }
            return tpe instanceof AnyType any && anyOf(b, v, any);
        }
        return Types.unifies(Types.typeOf(v), tpe);
    }

    private boolean anyOf(Body b, Value v, AnyType any) {
        if (any.isAny()) {
            return true;
        }
        for (Type m : any.of()) {
            if (unifyValue(b, v, m)) {
                return true;
            }
        }
        return false;
    }

    private static Type selectConstant(Type tpe, Value key) {
        return Types.select(tpe, key);
    }

    // ================================================================ types of terms

    private Type typeOf(Body b, Term t) {
        if (t instanceof Term.Scalar s) {
            return Types.ofConstant(s.value());
        }
        if (t instanceof Term.Var v) {
            return b.env.var(v.name());
        }
        if (t instanceof Term.Ref r) {
            if (r.head() instanceof Term.Var hv) {
                if (hv.name().equals("data") && constantPath(r)) {
                    // rule types do not change while a body is checked
                    Type known = b.get(r);
                    if (known == null && !b.has(r)) {
                        known = b.env.ref("data", r.path());
                        b.put(r, known);
                    }
                    return known;
                }
                return b.env.ref(hv.name(), r.path());
            }
            return TypeEnv.selectRef(typeOf(b, r.head()), r.path(), 0);
        }
        if (t instanceof Term.ArrayLit a) {
            if (a.elems().isEmpty()) {
                return Types.ARRAY_OF_ANY;
            }
            List<Type> st = new ArrayList<>();
            for (Term x : a.elems()) {
                st.add(typeOf(b, x));
            }
            return new ArrayType(st, null);
        }
        if (t instanceof Term.SetLit s) {
            Type of = null;
            for (Term x : s.elems()) {
                of = Types.or(of, typeOf(b, x));
            }
            return new SetType(of == null ? Type.ANY : of);
        }
        if (t instanceof Term.ObjectLit o) {
            List<Property> props = new ArrayList<>();
            Type dk = null;
            Type dv = null;
            for (int i = 0; i < o.keys().size(); i++) {
                Term k = o.keys().get(i);
                if (k instanceof Term.Scalar ks) {
                    props.add(new Property(ks.value(), typeOf(b, o.values().get(i))));
                } else {
                    dk = typeOf(b, k);
                    dv = typeOf(b, o.values().get(i));
                }
            }
            if (props.isEmpty() && dk == null && dv == null && o.keys().isEmpty()) {
                return Types.OBJECT_OF_ANY;
            }
            return new ObjectType(props, dk, dv);
        }
        if (t instanceof Term.Call c) {
            return b.get(c);
        }
        return closureType(b, t, false);
    }

    // ================================================================ references

    private void refs(Body b, List<Term> terms, List<Expr> nested, Location loc) {
        for (Term t : terms) {
            refsIn(b, t, loc);
        }
        for (Expr e : nested) {
            List<Term> ts = new ArrayList<>();
            collectTerms(e.kind(), ts);
            if (e.kind() instanceof Expr.SomeIn s) {
                if (s.key() != null) {
                    ts.add(s.key());
                }
                ts.add(s.value());
                ts.add(s.collection());
            }
            for (Expr.With w : e.withs()) {
                ts.add(w.value());
            }
            List<Expr> deeper = new ArrayList<>();
            nestedBodies(e.kind(), deeper);
            refs(b, ts, deeper, e.loc());
        }
    }

    private void refsIn(Body b, Term t, Location loc) {
        if (AstChildren.isComprehension(t) || t instanceof Term.Template) {
            return; // closures are checked as bodies of their own
        }
        if (t instanceof Term.Ref r) {
            checkRef(b, r, loc);
        } else if (t instanceof Term.ObjectLit o) { // pairs in turn: the order errors are reported in
            for (int i = 0; i < o.keys().size(); i++) {
                refsIn(b, o.keys().get(i), loc);
                refsIn(b, o.values().get(i), loc);
            }
            return;
        }
        AstChildren.forEachChild(t, x -> refsIn(b, x, loc), body -> { });
    }

    /** A reference as OPA's ref checker sees it: head term first, then the path. */
    private record RefTerms(Term.Ref ref, List<Term> all) {
        String text(int n) {
            return TermText.ref(ref.head(), ref.path(), n - 1);
        }

        int size() {
            return all.size();
        }

        Term get(int i) {
            return all.get(i);
        }
    }

    private void checkRef(Body b, Term.Ref r, Location loc) {
        List<Term> all = new ArrayList<>(r.path().size() + 1);
        all.add(r.head());
        all.addAll(r.path());
        RefTerms ref = new RefTerms(r, all);
        Location at = r.loc() == null || r.loc().row() == 0 ? loc : r.loc();
        if (!(r.head() instanceof Term.Var hv)) {
            // OPA binds a composite or call subject to a variable first
            Type ht = typeOf(b, r.head());
            RegoError err = checkRefLeaf(b, ht == null ? Type.ANY : ht, ref, 1, at);
            if (err != null) {
                b.errs.add(err);
            }
            return;
        }
        Type whole = hv.name().equals("data") ? typeOf(b, r) : null;
        if (whole instanceof FunctionType f) {
            b.errs.add(refUnsupported(ref, ref.size() - 1, f, at));
            return;
        }
        RegoError err = checkRef(b, b.env, b.env.tree, ref, 0, at);
        if (err != null) {
            b.errs.add(err);
        }
    }

    private RegoError checkRef(Body b, TypeEnv curr, TypeEnv.Node node, RefTerms ref, int idx, Location at) {
        if (idx == ref.size()) {
            return null;
        }
        Term head = ref.get(idx);
        if (idx == 1 || idx == 2) {
            if (!(head instanceof Term.Var) && !(head instanceof Term.Scalar s && s.value() instanceof StringValue)) {
                return refInvalid(ref, idx, typeOf(b, head), Type.STRING, oneOfNode(node), at);
            }
        }
        if (head instanceof Term.Var hv && idx != 0) {
            Type tpe = Types.keys(curr.extent(node));
            Type exist = b.env.var(hv.name());
            if (exist != null) {
                if (!Types.unifies(tpe, exist)) {
                    return refInvalid(ref, idx, exist, tpe, oneOfNode(node), at);
                }
            } else {
                b.env.putVar(hv.name(), tpe);
            }
        }
        Object key = idx == 0 ? ((Term.Var) head).name() : TypeEnv.key(head);
        TypeEnv.Node child = key == null ? null : node.child(key);
        if (child == null) {
            if (curr.next != null) {
                return checkRef(b, curr.next, curr.next.tree, ref, 0, at);
            }
            if (Compiler.isRoot(((Term.Var) ref.get(0)).name())) {
                if (idx != 0) {
                    if (node.children != null) {
                        for (TypeEnv.Node c : node.children.values()) {
                            checkRef(b, curr, c, ref, idx + 1, at); // errors ignored, as OPA does
                        }
                    }
                    return null;
                }
                return checkRefLeaf(b, Type.ANY, ref, 1, at);
            }
            return checkRefLeaf(b, Type.ANY, ref, 0, at);
        }
        if (child.leaf()) {
            return checkRefLeaf(b, child.value, ref, idx + 1, at);
        }
        return checkRef(b, curr, child, ref, idx + 1, at);
    }

    private RegoError checkRefLeaf(Body b, Type tpe, RefTerms ref, int idx, Location at) {
        for (; idx < ref.size(); idx++) {
            Term head = ref.get(idx);
            Type keys = Types.keys(tpe);
            if (keys == null) {
                return refUnsupported(ref, idx - 1, tpe, at);
            }
            if (head instanceof Term.Var hv) {
                Type exist = b.env.var(hv.name());
                if (exist != null) {
                    if (!Types.unifies(exist, keys)) {
                        return refInvalid(ref, idx, exist, keys, oneOfType(tpe), at);
                    }
                } else {
                    b.env.putVar(hv.name(), keys);
                }
            } else if (head instanceof Term.Ref hr) {
                Type exist = typeOf(b, hr);
                if (exist != null && !Types.unifies(exist, keys)) {
                    return refInvalid(ref, idx, exist, keys, oneOfType(tpe), at);
                }
            } else if (head instanceof Term.ArrayLit || head instanceof Term.ObjectLit || head instanceof Term.SetLit
                    || (head instanceof Term.Scalar s && isComposite(s.value()))) {
                if (!unify1(b, head, keys, false)) {
                    return refInvalid(ref, idx, typeOf(b, head), keys, List.of(), at);
                }
            } else if (head instanceof Term.Scalar s) {
                Type child = Types.select(tpe, s.value());
                if (child == null) {
                    return refInvalid(ref, idx, null, keys, oneOfType(tpe), at);
                }
                tpe = child;
                continue;
            } else {
                // calls and comprehensions stand for variables bound before the reference
                Type exist = typeOf(b, head);
                if (exist != null && !Types.unifies(exist, keys)) {
                    return refInvalid(ref, idx, exist, keys, oneOfType(tpe), at);
                }
            }
            tpe = Types.values(tpe);
        }
        return null;
    }

    private static boolean constantPath(Term.Ref r) {
        for (Term p : r.path()) {
            if (!(p instanceof Term.Scalar)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isComposite(Value v) {
        return v instanceof ArrayValue || v instanceof ObjectValue || v instanceof SetValue;
    }

    private static List<Value> oneOfNode(TypeEnv.Node node) {
        List<Value> out = new ArrayList<>();
        if (node.children != null) {
            for (Object k : node.children.keySet()) {
                if (k instanceof Value v) {
                    out.add(v);
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static List<Value> oneOfType(Type tpe) {
        List<Value> out = new ArrayList<>();
        if (tpe instanceof ObjectType o) {
            for (Property p : o.statics()) {
                out.add(p.key());
            }
        } else if (tpe instanceof AnyType any) {
            for (Type t : any.of()) {
                for (Value v : oneOfType(t)) {
                    if (!out.contains(v)) {
                        out.add(v);
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }

    private RegoError refUnsupported(RefTerms ref, int pos, Type have, Location at) {
        String text = ref.text(ref.size());
        String lines = "undefined ref: " + text + "\n\t" + text + "\n\t" + "^".repeat(ref.text(pos + 1).length())
                + "\n\thave: " + Types.sprint(have);
        return error(at, lines);
    }

    private RegoError refInvalid(RefTerms ref, int pos, Type have, Type want, List<Value> oneOf, Location at) {
        String text = ref.text(ref.size());
        String pad = " ".repeat(ref.text(pos).length() + 1);
        StringBuilder sb = new StringBuilder("undefined ref: ").append(text).append("\n\t").append(text)
                .append("\n\t").append(pad).append('^');
        if (have != null) {
            sb.append("\n\t").append(pad).append("have (type): ").append(Types.sprint(have));
        } else {
            sb.append("\n\t").append(pad).append("have: ").append(TermText.of(ref.get(pos)));
        }
        if (!oneOf.isEmpty()) {
            StringBuilder o = new StringBuilder("[");
            for (int i = 0; i < oneOf.size(); i++) {
                if (i > 0) {
                    o.append(' ');
                }
                o.append(oneOf.get(i));
            }
            sb.append("\n\t").append(pad).append("want (one of): ").append(o).append(']');
        } else {
            sb.append("\n\t").append(pad).append("want (type): ").append(Types.sprint(want));
        }
        return error(at, sb.toString());
    }

    // ================================================================ helpers

    private static RegoError error(Location loc, String msg) {
        return new RegoError("rego_type_error", loc.file(), loc.row(), loc.col(), msg);
    }
}
