package org.mtabaseline.rego.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtabaseline.rego.ast.Location;
import org.mtabaseline.rego.ast.Rule;
import org.mtabaseline.rego.compile.Node;
import org.mtabaseline.rego.compile.Program;
import org.mtabaseline.rego.compile.RuleDef;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.Value;

/**
 * Rules, as OPA's topdown/virtual documents: a complete rule's one value (with its else chain), a
 * partial rule's keys and set members assembled into nested maps, the default value, and the
 * end-of-body continuations that functions share. Kept apart from the document tree
 * (DocumentEvaluator), which decides when a rule's value is needed and merges it with base data.
 */
abstract class RuleEvaluator extends Unifier {
    RuleEvaluator(Program prog, SingleTerms singleTerms, Value input) {
        super(prog, singleTerms, input);
    }

    /**
     * Evaluates the rules placed at n (not functions): a Value for complete rules (null if undefined),
     * a List for a set, or a Map of keys (leaves are rule values, Lists are sets) for rules with keys.
     */
    Object evalRules(Node n) {
        List<RuleDef> rules = n.rules;
        if (rules.isEmpty()) {
            return null;
        }
        RuleDef first = rules.get(0);
        boolean complete = first.suffix().isEmpty() && !first.rule().isMultiValue();
        if (complete) {
            Single out = new Single("complete rules must not produce multiple outputs");
            for (RuleDef d : rules) {
                if (!d.suffix().isEmpty() || d.rule().isMultiValue()) {
                    continue;
                }
                out.at = d.rule().loc();
                evalChain(d.rule(), new Env(), out);
            }
            return out.value;
        }
        // partial: build nested maps of keys; leaves are values (single-value) or sets (multi-value)
        Map<Value, Object> root = new LinkedHashMap<>();
        List<Value> topSet = new ArrayList<>();
        boolean topIsSet = first.suffix().isEmpty() && first.rule().isMultiValue();
        for (RuleDef d : rules) {
            Rule r = d.rule();
            Env env = new Env();
            self.body(r.body(), 0, env, () -> {
                Value[] keys = new Value[d.suffix().size()];
                return terms(d.suffix(), 0, keys, env, () -> {
                    if (r.isMultiValue()) {
                        return term(r.key(), env, elem -> {
                            if (keys.length == 0) {
                                topSet.add(elem);
                            } else {
                                insert(root, keys, elem, true, r);
                            }
                            return true;
                        });
                    }
                    return term(r.value(), env, val -> {
                        insert(root, keys, val, false, r);
                        return true;
                    });
                });
            });
        }
        if (topIsSet) {
            return topSet;
        }
        return root;
    }

    Value defaultValue(Node n) {
        if (n.defaultRule == null) {
            return null;
        }
        Value[] out = new Value[1];
        term(n.defaultRule.rule().value(), new Env(), v -> {
            out[0] = v;
            return false;
        });
        return out[0];
    }

    @SuppressWarnings("unchecked")
    private void insert(Map<Value, Object> root, Value[] keys, Value leaf, boolean setLeaf, Rule r) {
        Map<Value, Object> m = root;
        for (int i = 0; i < keys.length - 1; i++) {
            Object o = m.get(keys[i]);
            if (o == null) {
                Map<Value, Object> nm = new LinkedHashMap<>();
                m.put(keys[i], nm);
                m = nm;
            } else if (o instanceof Map) {
                m = (Map<Value, Object>) o;
            } else {
                throw conflict(r.loc(), "object keys must be unique");
            }
        }
        Value lastKey = keys[keys.length - 1];
        Object prev = m.get(lastKey);
        if (setLeaf) {
            if (prev == null) {
                List<Value> l = new ArrayList<>();
                l.add(leaf);
                m.put(lastKey, l);
            } else if (prev instanceof List) {
                ((List<Value>) prev).add(leaf);
            } else {
                throw conflict(r.loc(), "object keys must be unique");
            }
            return;
        }
        if (prev == null) {
            m.put(lastKey, leaf);
        } else if (!(prev instanceof Value pv) || !pv.equals(leaf)) {
            throw conflict(r.loc(), "object keys must be unique");
        }
    }

    @SuppressWarnings("unchecked")
    Value toValue(Map<Value, Object> m) {
        ObjectValue.Builder b = ObjectValue.builder();
        for (Map.Entry<Value, Object> e : m.entrySet()) {
            Object o = e.getValue();
            Value v;
            if (o instanceof Map) {
                v = toValue((Map<Value, Object>) o);
            } else if (o instanceof List) {
                v = SetValue.of((List<Value>) o);
            } else {
                v = (Value) o;
            }
            b.put(e.getKey(), v);
        }
        return b.build();
    }

    /** Evaluates a complete rule's body with its else chain, collecting its value in out. */
    private boolean evalChain(Rule r, Env env, Single out) {
        out.begin(r, env);
        boolean cont = self.body(r.body(), 0, env, out);
        if (!out.any && r.elseRule() != null && cont) {
            return evalChain(r.elseRule(), new Env(), out);
        }
        return cont;
    }

    /**
     * Collects the one value of a complete rule or function call; a second, different value is a
     * conflict. It is also the end of each body it runs (one object per rule or call rather than one
     * per body): it notes that the body held, then yields the definition's value term to itself.
     */
    final class Single implements K, VK {
        final String conflictMessage;
        Location at;
        Value value;
        private Rule rule;
        private Env env;
        /** True once the current definition's body held. */
        boolean any;

        Single(String conflictMessage) {
            this.conflictMessage = conflictMessage;
        }

        /** The next body to run ends here: r's value term in env. */
        void begin(Rule r, Env bodyEnv) {
            rule = r;
            env = bodyEnv;
            any = false;
        }

        @Override
        public boolean run() {
            any = true;
            return term(rule.value(), env, this);
        }

        @Override
        public boolean run(Value v) {
            if (value == null) {
                value = v;
            } else if (!value.equals(v)) {
                throw conflict(at, conflictMessage);
            }
            return true;
        }
    }
}
