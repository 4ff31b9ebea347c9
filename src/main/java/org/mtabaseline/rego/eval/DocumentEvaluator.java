package org.mtabaseline.rego.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * References and the data document, as OPA's topdown refs and virtual documents: walking a path into
 * a value (enumerating unbound operands), the rule tree under {@code data} merged with base data
 * ({@link #dataValue}, cached per with-scope), overlays of base documents on rule values and of
 * {@code with data...} replacements, and the single-valued twins of these walks used by
 * {@link #eval}. Rules themselves are evaluated by RuleEvaluator below.
 */
abstract class DocumentEvaluator extends RuleEvaluator {
    DocumentEvaluator(Program prog, SingleTerms singleTerms, Value input) {
        super(prog, singleTerms, input);
    }

    // ================================================================ references

    boolean ref(Term.Ref r, Env env, VK k) {
        Term head = r.head();
        if (head instanceof Term.Var hv) {
            String n = hv.name();
            Value local = env.get(n);
            if (local != null) {
                return walk(local, r.path(), 0, env, k);
            }
            if (n.equals("input")) {
                return state.input == null ? true : walk(state.input, r.path(), 0, env, k);
            }
            if (n.equals("data")) {
                return dataRef(prog.root(), state.base, r.path(), 0, env, k);
            }
        }
        return term(head, env, hv -> walk(hv, r.path(), 0, env, k));
    }

    /** Follows path into a value, enumerating where an operand is an unbound variable or pattern. */
    private boolean walk(Value v, List<Term> path, int i, Env env, VK k) {
        if (i == path.size()) {
            return k.run(v);
        }
        Term p = path.get(i);
        if (p instanceof Term.Scalar s) {
            Value child = lookup(v, s.value());
            return child == null ? true : walk(child, path, i + 1, env, k);
        }
        if (unboundVar(p, env)) {
            return walkEach(v, ((Term.Var) p).name(), path, i, env, k);
        }
        if (unboundPattern(p, env)) {
            return iterate(v, (key, val) -> unifyValue(p, key, env, () -> walk(val, path, i + 1, env, k)));
        }
        return term(p, env, key -> {
            Value child = lookup(v, key);
            return child == null ? true : walk(child, path, i + 1, env, k);
        });
    }

    /** walk for an unbound variable operand: binds it to each key of v in turn. */
    private boolean walkEach(Value v, String var, List<Term> path, int i, Env env, VK k) {
        int n = v instanceof ArrayValue a ? a.size() : v instanceof ObjectValue o ? o.size() : v instanceof SetValue st ? st.size() : 0;
        for (int j = 0; j < n; j++) {
            Value key;
            Value val;
            if (v instanceof ArrayValue a) {
                key = NumberValue.of(j);
                val = a.get(j);
            } else if (v instanceof ObjectValue o) {
                key = o.keyAt(j);
                val = o.valueAt(j);
            } else {
                key = ((SetValue) v).get(j);
                val = key;
            }
            int mark = env.mark();
            env.bind(var, key);
            try {
                if (!walk(val, path, i + 1, env, k)) {
                    return false;
                }
            } finally {
                env.reset(mark);
            }
        }
        return true;
    }

    /** Like walk, in base data: the store keys documents by string, so a number key also finds its text. */
    private boolean walkStore(Value v, List<Term> path, int i, Env env, VK k) {
        if (i == path.size()) {
            return k.run(v);
        }
        Term p = path.get(i);
        if (!(v instanceof ObjectValue) || unboundPattern(p, env)) {
            return walk(v, path, i, env, k);
        }
        return term(p, env, key -> {
            Value child = lookup(v, key);
            if (child == null && key instanceof NumberValue) {
                child = lookup(v, StringValue.of(key.toString()));
            }
            return child == null ? true : walkStore(child, path, i + 1, env, k);
        });
    }

    static Value lookup(Value v, Value key) {
        if (v instanceof ObjectValue o) {
            return o.get(key);
        }
        if (v instanceof ArrayValue a) {
            if (key instanceof NumberValue n) {
                int idx = n.index();
                if (idx >= 0 && idx < a.size()) {
                    return a.get(idx);
                }
            }
            return null;
        }
        if (v instanceof SetValue s) {
            return s.contains(key) ? key : null;
        }
        return null;
    }

    // ================================================================ data documents

    private boolean masked(String path) {
        for (String m : state.masked) {
            if (path.equals(m) || path.startsWith(m + ".")) {
                return true;
            }
        }
        return false;
    }

    /** Follows path through the rule tree n (null: only base data) and base data. */
    private boolean dataRef(Node n, Value base, List<Term> refPath, int i, Env env, VK k) {
        if (n == null || (!state.masked.isEmpty() && masked(n.path))) {
            return base == null ? true : walkStore(base, refPath, i, env, k);
        }
        if (n.hasValueRules() && base != null && !(base instanceof ObjectValue)) {
            return walkStore(base, refPath, i, env, k);
        }
        if (n.hasValueRules() || i == refPath.size()) {
            Value v = dataValue(n, base);
            if (base instanceof ObjectValue && v != null && n.hasValueRules()) {
                v = overlay(v, base);
            }
            return v == null ? true : walk(v, refPath, i, env, k);
        }
        Term p = refPath.get(i);
        if (unboundPattern(p, env)) {
            List<Value> keys = new ArrayList<>();
            for (Map.Entry<Value, Node> c : n.children.entrySet()) {
                if (hasValues(c.getValue())) {
                    keys.add(c.getKey());
                }
            }
            if (base instanceof ObjectValue bo) {
                for (Value key : bo.keys()) {
                    if (!n.children.containsKey(key)) {
                        keys.add(key);
                    }
                }
            }
            for (Value key : keys) {
                Node c = n.children.get(key);
                Value cb = base instanceof ObjectValue bo ? bo.get(key) : null;
                boolean cont = unifyValue(p, key, env, () -> dataRef(c, cb, refPath, i + 1, env, k));
                if (!cont) {
                    return false;
                }
            }
            return true;
        }
        return term(p, env, key0 -> {
            Value key = key0;
            Node c = n.children.get(key);
            Value cb = base instanceof ObjectValue bo ? bo.get(key) : null;
            if (c == null && cb == null && key instanceof NumberValue) {
                // the store keys documents by string, so data[2] finds "2"
                key = StringValue.of(key.toString());
                c = n.children.get(key);
                cb = base instanceof ObjectValue bo2 ? bo2.get(key) : null;
            }
            if (c == null && cb == null) {
                return true;
            }
            return dataRef(c, cb, refPath, i + 1, env, k);
        });
    }

    private static boolean hasValues(Node n) {
        return n.isDocument();
    }

    /** The full value of the document at node n (rules, children and base data); null if undefined. */
    Value dataValue(Node n, Value base) {
        if (n == null || (!state.masked.isEmpty() && masked(n.path))) {
            return base;
        }
        Value cached = state.cache.get(n);
        if (cached != null) {
            return cached == UNDEFINED_MARK ? null : cached;
        }
        Value result;
        if (n.hasValueRules()) {
            Object structure = evalRules(n);
            for (Map.Entry<Value, Node> c : n.children.entrySet()) {
                if (!hasValues(c.getValue())) {
                    continue;
                }
                Value cv = dataValue(c.getValue(), null);
                if (cv == null) {
                    continue;
                }
                if (structure == null) {
                    structure = new LinkedHashMap<Value, Object>();
                }
                if (!(structure instanceof Map)) {
                    throw conflict(ruleLoc(n), "object keys must be unique");
                }
                mergeInto(castMap(structure), c.getKey(), cv, n);
            }
            result = structure == null ? null : structure instanceof Map ? toValue(castMap(structure))
                    : structure instanceof List ? SetValue.of(castList(structure)) : (Value) structure;
            if (result == null) {
                result = defaultValue(n);
            }
            if (!state.masked.isEmpty() && result != null) {
                result = applyOverrides(result, n.path);
            }
        } else {
            ObjectValue o;
            if (base instanceof ObjectValue bo) {
                o = bo;
            } else if (base != null && n.children.isEmpty()) {
                o = null;
            } else {
                o = ObjectValue.EMPTY;
            }
            if (o == null) {
                result = base;
            } else {
                boolean any = base != null;
                ObjectValue.Builder changed = null;
                for (Map.Entry<Value, Node> c : n.children.entrySet()) {
                    Node cn = c.getValue();
                    if (!hasValues(cn)) {
                        continue;
                    }
                    any = true;
                    Value cb = o.get(c.getKey());
                    Value cv = dataValue(cn, cb);
                    if (cv != null && cv != cb) {
                        if (changed == null) {
                            changed = ObjectValue.builder(o);
                        }
                        // base documents win over rules at the same path (OPA's store precedence)
                        changed.put(c.getKey(), cb == null ? cv : overlay(cv, cb));
                    }
                }
                if (changed != null) {
                    o = changed.build();
                }
                result = any || !n.children.isEmpty() || n.isPackage ? o : null;
            }
        }
        state.cache.put(n, result == null ? UNDEFINED_MARK : result);
        return result;
    }

    /** b laid over a: objects merge key by key, otherwise b wins. */
    private static Value overlay(Value a, Value b) {
        if (a instanceof ObjectValue oa && b instanceof ObjectValue ob) {
            ObjectValue out = oa;
            for (int i = 0; i < ob.size(); i++) {
                Value prev = out.get(ob.keyAt(i));
                out = out.with(ob.keyAt(i), prev == null ? ob.valueAt(i) : overlay(prev, ob.valueAt(i)));
            }
            return out;
        }
        return b;
    }

    private Value applyOverrides(Value v, String path) {
        for (String m : state.masked) {
            if (m.startsWith(path + ".")) {
                List<String> rel = segments(m.substring(path.length() + 1), 0);
                Value over = state.base;
                for (String s : segments(m, 1)) {
                    over = over instanceof ObjectValue o ? o.get(s) : null;
                }
                if (over != null) {
                    v = setPath(v, rel, 0, over);
                }
            }
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static Map<Value, Object> castMap(Object o) {
        return (Map<Value, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Value> castList(Object o) {
        return (List<Value>) o;
    }

    private static Location ruleLoc(Node n) {
        return n.rules.isEmpty() ? n.defaultRule.rule().loc() : n.rules.get(0).rule().loc();
    }

    /** Merges a child document into a partial rule's key structure; a clash with a rule's value is a conflict. */
    private void mergeInto(Map<Value, Object> m, Value key, Value cv, Node n) {
        Object prev = m.get(key);
        if (prev == null) {
            m.put(key, cv);
        } else if (prev instanceof Map) {
            if (!(cv instanceof ObjectValue o)) {
                throw conflict(ruleLoc(n), "object keys must be unique");
            }
            for (int i = 0; i < o.size(); i++) {
                mergeInto(castMap(prev), o.keyAt(i), o.valueAt(i), n);
            }
        } else if (prev instanceof List) {
            if (!(cv instanceof SetValue sv)) {
                throw conflict(ruleLoc(n), "object keys must be unique");
            }
            castList(prev).addAll(sv.list());
        } else if (!prev.equals(cv)) {
            throw conflict(ruleLoc(n), "object keys must be unique");
        }
    }

    // ================================================================ single-valued references

    Value evalRef(Term.Ref r, Env env) {
        Term head = r.head();
        Value v;
        if (head instanceof Term.Var hv) {
            String n = hv.name();
            v = env.get(n);
            if (v == null) {
                if (n == "data" || n == "input") { // interned
                    return evalRootRef(r, n == "data", env);
                }
                v = eval(head, env);
            }
        } else {
            v = eval(head, env);
        }
        return v == null ? null : evalWalk(v, r.path(), 0, env);
    }

    /** data.a.b / input.a.b: a reference with constant keys is looked up once per with-scope. */
    private Value evalRootRef(Term.Ref r, boolean data, Env env) {
        boolean constant = true;
        for (int i = 0, n = r.path().size(); i < n && constant; i++) {
            constant = r.path().get(i) instanceof Term.Scalar;
        }
        if (constant) {
            Value known = state.refs.get(r);
            if (known != null) {
                return known == UNDEFINED_MARK ? null : known;
            }
        }
        Value v = data ? evalDataRef(prog.root(), state.base, r.path(), 0, env)
                : state.input == null ? null : evalWalk(state.input, r.path(), 0, env);
        if (constant) {
            state.refs.put(r, v == null ? UNDEFINED_MARK : v);
        }
        return v;
    }

    private Value evalWalk(Value v, List<Term> path, int i, Env env) {
        for (int n = path.size(); i < n && v != null; i++) {
            Value key = eval(path.get(i), env);
            if (key == null) {
                return null;
            }
            v = lookup(v, key);
        }
        return v;
    }

    /** As {@link #walkStore}: a number key also finds its text in base documents. */
    private Value evalWalkStore(Value v, List<Term> path, int i, Env env) {
        for (int n = path.size(); i < n; i++) {
            if (!(v instanceof ObjectValue)) {
                return evalWalk(v, path, i, env);
            }
            Value key = eval(path.get(i), env);
            if (key == null) {
                return null;
            }
            Value child = lookup(v, key);
            if (child == null && key instanceof NumberValue) {
                child = lookup(v, StringValue.of(key.toString()));
            }
            if (child == null) {
                return null;
            }
            v = child;
        }
        return v;
    }

    /** As {@link #dataRef} for a path without unbound operands. */
    private Value evalDataRef(Node n, Value base, List<Term> path, int i, Env env) {
        while (true) {
            if (n == null || (!state.masked.isEmpty() && masked(n.path))) {
                return base == null ? null : evalWalkStore(base, path, i, env);
            }
            if (n.hasValueRules() && base != null && !(base instanceof ObjectValue)) {
                return evalWalkStore(base, path, i, env);
            }
            if (n.hasValueRules() || i == path.size()) {
                Value v = dataValue(n, base);
                if (base instanceof ObjectValue && v != null && n.hasValueRules()) {
                    v = overlay(v, base);
                }
                return v == null ? null : evalWalk(v, path, i, env);
            }
            Value key = eval(path.get(i), env);
            if (key == null) {
                return null;
            }
            Node c = n.children.get(key);
            Value cb = base instanceof ObjectValue bo ? bo.get(key) : null;
            if (c == null && cb == null && key instanceof NumberValue) {
                key = StringValue.of(key.toString());
                c = n.children.get(key);
                cb = base instanceof ObjectValue bo ? bo.get(key) : null;
            }
            if (c == null && cb == null) {
                return null;
            }
            n = c;
            base = cb;
            i++;
        }
    }
}
