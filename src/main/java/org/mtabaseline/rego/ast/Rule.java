package org.mtabaseline.rego.ast;

import java.util.List;

/**
 * A rule. {@code head} is its reference: {@code p}, {@code p.q[x]}, ... (first element a Var).
 * {@code args} is non-null for functions. {@code key} is non-null for multi-value rules
 * ({@code p contains key}). {@code value} is the single value (true when not written).
 * {@code elseRule} chains {@code else} branches.
 */
public record Rule(Location loc, List<Term> head, List<Term> args, Term key, Term value, boolean isDefault,
                   List<Expr> body, Rule elseRule, String file) {

    public boolean isFunction() {
        return args != null;
    }

    public boolean isMultiValue() {
        return key != null;
    }

    public String name() {
        return ((Term.Var) head.get(0)).name();
    }
}
