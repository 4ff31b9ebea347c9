package org.mtabaseline.rego.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.mtabaseline.rego.RegoError;
import org.mtabaseline.rego.RegoEvalException;
import org.mtabaseline.rego.ast.Rule;
import org.mtabaseline.rego.ast.Term;
import org.mtabaseline.rego.builtins.BuiltinContext;
import org.mtabaseline.rego.builtins.BuiltinException;
import org.mtabaseline.rego.builtins.BuiltinFunction;
import org.mtabaseline.rego.compile.Compiler;
import org.mtabaseline.rego.compile.Program;
import org.mtabaseline.rego.compile.RuleDef;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/**
 * Calls, as OPA's topdown builtins and functions: operands evaluated (references first when they
 * bind what other operands read), then a mock from {@code with}, a user function (memoised per
 * with-scope, guarded against runaway recursion) or a builtin (whose errors are undefined unless
 * strict). Kept apart so that the term layers below only see {@link #call} and {@link #evalCall}.
 */
abstract class CallEvaluator extends DocumentEvaluator {
    private final BuiltinContext bctx;
    private final boolean strict;
    private int depth;

    CallEvaluator(Program prog, SingleTerms singleTerms, Value input, BuiltinContext bctx) {
        super(prog, singleTerms, input);
        this.bctx = bctx;
        this.strict = bctx.strict();
    }

    // ================================================================ operands

    boolean call(Term.Call c, Env env, VK k) {
        Value[] args = new Value[c.args().size()];
        List<Term> as = c.args();
        boolean plain = true;
        for (int i = 1; i < as.size(); i++) {
            if (as.get(i) instanceof Term.Ref) {
                plain = false;
                break;
            }
        }
        if (plain) {
            return terms(as, 0, args, env, () -> invoke(c.name(), c, args, k));
        }
        // evaluate references first: they may bind variables other operands read (foo == xs[foo])
        int[] order = new int[as.size()];
        int j = 0;
        for (int i = 0; i < as.size(); i++) {
            if (as.get(i) instanceof Term.Ref) {
                order[j++] = i;
            }
        }
        for (int i = 0; i < as.size(); i++) {
            if (!(as.get(i) instanceof Term.Ref)) {
                order[j++] = i;
            }
        }
        return termsOrdered(as, order, 0, args, env, () -> invoke(c.name(), c, args, k));
    }

    private boolean termsOrdered(List<Term> ts, int[] order, int i, Value[] out, Env env, K k) {
        if (i == order.length) {
            return k.run();
        }
        int at = order[i];
        return term(ts.get(at), env, v -> {
            out[at] = v;
            return termsOrdered(ts, order, i + 1, out, env, k);
        });
    }

    Value evalCall(Term.Call c, Env env) {
        List<Term> as = c.args();
        Value[] args = new Value[as.size()];
        boolean refsFirst = false;
        for (int i = 1; i < as.size(); i++) {
            if (as.get(i) instanceof Term.Ref) {
                refsFirst = true;
                break;
            }
        }
        // the same order as call(): references first when an operand other than the first is one
        for (int pass = refsFirst ? 0 : 1; pass < 2; pass++) {
            for (int i = 0; i < args.length; i++) {
                Term a = as.get(i);
                if (refsFirst && (a instanceof Term.Ref) != (pass == 0)) {
                    continue;
                }
                Value v = eval(a, env);
                if (v == null) {
                    return null;
                }
                args[i] = v;
            }
        }
        List<RuleDef> defs = prog.functions().get(c.name());
        if (defs != null) {
            return callUser(c.name(), defs, args, true, c);
        }
        return callBuiltin(c.name(), builtin(c.name(), c), c, args);
    }

    // ================================================================ builtins, functions, mocks

    private boolean invoke(String name, Term.Call c, Value[] args, VK k) {
        Term over = state.functionOverrides.isEmpty() ? null : state.functionOverrides.get(name);
        if (over != null) {
            if (isFunctionMark(over)) {
                String target = ((StringValue) ((Term.Scalar) over).value()).value().substring(Compiler.FUNCTION_MARK.length());
                // the replacement runs without this mock, so it may call the original (as OPA does)
                State cur = state;
                // mocks do not apply inside a mock (OPA: "mock will not call other mock")
                state = new State(cur.input, cur.base, cur.masked, Map.of());
                boolean restored = false;
                try {
                    return invokeUnmocked(target, c, args, v -> {
                        State inner = state;
                        state = cur;
                        try {
                            return k.run(v);
                        } finally {
                            state = inner;
                        }
                    });
                } finally {
                    state = cur;
                }
            } else {
                Value[] out = new Value[1];
                term(over, new Env(), v -> {
                    out[0] = v;
                    return false;
                });
                return out[0] == null ? true : k.run(out[0]);
            }
        }
        return invokeUnmocked(name, c, args, k);
    }

    private boolean invokeUnmocked(String name, Term.Call c, Value[] args, VK k) {
        List<RuleDef> defs = prog.functions().get(name);
        if (defs != null) {
            Value v = callUser(name, defs, args, false, c);
            return v == null ? true : k.run(v);
        }
        BuiltinFunction bf = builtin(name, c);
        Value result = callBuiltin(name, bf, c, args);
        if (result == null) {
            return true;
        }
        if (bf.relation()) {
            if (result instanceof ArrayValue a) {
                for (int i = 0; i < a.size(); i++) {
                    if (!k.run(a.get(i))) {
                        return false;
                    }
                }
            }
            return true;
        }
        return k.run(result);
    }

    private BuiltinFunction builtin(String name, Term.Call c) {
        BuiltinFunction bf = prog.builtins().get(name);
        if (bf == null) {
            throw new RegoEvalException(new RegoError("rego_type_error", c.loc().file(), c.loc().row(), c.loc().col(),
                    "undefined function " + name));
        }
        return bf;
    }

    /** The builtin's result; null if undefined (including an error outside strict mode). */
    private Value callBuiltin(String name, BuiltinFunction bf, Term.Call c, Value[] args) {
        try {
            return bf.impl().call(bctx, Arrays.asList(args));
        } catch (BuiltinException e) {
            if (strict) {
                throw new RegoEvalException(new RegoError(e.code(), c.loc().file(), c.loc().row(), c.loc().col(),
                        name + ": " + e.getMessage()));
            }
            return null;
        } catch (RegoEvalException e) {
            throw e;
        } catch (RuntimeException e) {
            if (strict) {
                throw new RegoEvalException(new RegoError(BuiltinException.BUILTIN_ERROR, c.loc().file(), c.loc().row(),
                        c.loc().col(), name + ": " + e));
            }
            return null;
        }
    }

    /**
     * The function's result for args (memoised per with-scope); null if undefined. argsOwned: the
     * caller will not reuse args, so the memo may keep the array itself.
     */
    private Value callUser(String name, List<RuleDef> defs, Value[] args, boolean argsOwned, Term.Call c) {
        CallKey memoKey = new CallKey(name, args);
        Value memo = state.calls.get(memoKey);
        if (memo != null) {
            return memo == UNDEFINED_MARK ? null : memo;
        }
        if (++depth > 2000) {
            depth = 0;
            throw new RegoEvalException(new RegoError("rego_recursion_error", c.loc().file(), c.loc().row(), c.loc().col(),
                    "function " + name + " is recursive or nests too deeply"));
        }
        try {
            Single out = new Single("functions must not produce multiple outputs for same inputs");
            Rule dflt = null;
            for (RuleDef d : defs) {
                Rule r = d.rule();
                if (r.isDefault()) {
                    dflt = r;
                    continue;
                }
                out.at = r.loc();
                evalFunction(r, args, out);
            }
            Value result = out.value;
            if (result == null && dflt != null) {
                Value[] dv = new Value[1];
                term(dflt.value(), new Env(), v -> {
                    dv[0] = v;
                    return false;
                });
                result = dv[0];
            }
            // a caller that reuses args for its next solution gets a copy kept in the memo
            state.calls.put(argsOwned ? memoKey : new CallKey(name, args.clone(), memoKey.hash),
                    result == null ? UNDEFINED_MARK : result);
            return result;
        } finally {
            depth--;
        }
    }

    private boolean evalFunction(Rule r, Value[] args, Single out) {
        if (r.args().size() != args.length) {
            return true;
        }
        Env env = new Env();
        out.begin(r, env);
        int bound = bindArgs(r.args(), args, env);
        boolean cont = bound == SUCCEEDED ? self.body(r.body(), 0, env, out)
                : bound == FAILED || unifyArgs(r.args(), args, 0, env, () -> self.body(r.body(), 0, env, out));
        if (!out.any && r.elseRule() != null) {
            return evalFunction(r.elseRule(), args, out);
        }
        return cont;
    }

    /**
     * Binds parameters that are plain variables or constants (nearly all of them) without
     * continuations: SUCCEEDED, FAILED (an argument does not match), or ENUMERATE (a pattern
     * parameter: nothing bound, use unifyArgs).
     */
    private static int bindArgs(List<Term> ps, Value[] args, Env env) {
        for (int i = 0, n = ps.size(); i < n; i++) {
            Term p = ps.get(i);
            if (!(p instanceof Term.Scalar) && !(p instanceof Term.Var v && !isRoot(v.name()))) {
                return ENUMERATE;
            }
        }
        for (int i = 0, n = ps.size(); i < n; i++) {
            Term p = ps.get(i);
            if (p instanceof Term.Scalar s) {
                if (!s.value().equals(args[i])) {
                    return FAILED;
                }
                continue;
            }
            String name = ((Term.Var) p).name();
            Value cur = env.get(name);
            if (cur == null) {
                env.bind(name, args[i]);
            } else if (!cur.equals(args[i])) {
                return FAILED;
            }
        }
        return SUCCEEDED;
    }

    private boolean unifyArgs(List<Term> ps, Value[] args, int i, Env env, K k) {
        if (i == ps.size()) {
            return k.run();
        }
        return unifyValue(ps.get(i), args[i], env, () -> unifyArgs(ps, args, i + 1, env, k));
    }

    static boolean isFunctionMark(Term t) {
        return t instanceof Term.Scalar s && s.value() instanceof StringValue str && str.value().startsWith(Compiler.FUNCTION_MARK);
    }
}
