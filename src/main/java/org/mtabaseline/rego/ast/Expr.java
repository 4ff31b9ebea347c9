package org.mtabaseline.rego.ast;

import java.util.List;

/** One literal of a body: an expression, possibly negated, with {@code with} modifiers. */
public record Expr(Kind kind, boolean negated, List<With> withs, Location loc) {

    public Expr withKind(Kind k) {
        return new Expr(k, negated, withs, loc);
    }

    /** What the literal does. */
    public sealed interface Kind {
    }

    /** A term that must be defined and not false (includes calls used as statements). */
    public record TermExpr(Term term) implements Kind {
    }

    /** {@code a = b}. */
    public record Unify(Term left, Term right) implements Kind {
    }

    /** {@code a := b}. */
    public record Assign(Term left, Term right) implements Kind {
    }

    /** {@code some x, y}. */
    public record SomeDecl(List<Term.Var> vars) implements Kind {
    }

    /** {@code some v in xs} / {@code some k, v in xs}; key may be null. */
    public record SomeIn(Term key, Term value, Term collection) implements Kind {
    }

    /** {@code every k, v in xs { body }}; key may be null. */
    public record Every(Term key, Term value, Term collection, List<Expr> body) implements Kind {
    }

    /**
     * {@code lhs and rhs} / {@code lhs or rhs} (OPA's experimental logic keywords): succeeds at most once,
     * binds nothing outside. Each operand is a body: one expression, or a braced explicit body whose
     * variables are its own.
     */
    public record Logical(boolean or, List<Expr> lhs, List<Expr> rhs, boolean explicitLhs, boolean explicitRhs)
            implements Kind {
    }

    /**
     * {@code not { body }} or {@code not (a or b)} (with {@code future.keywords.not}): succeeds when the body
     * has no solution. {@code explicit} when written in braces (its variables are its own).
     */
    public record NotBody(List<Expr> body, boolean explicit) implements Kind {
    }

    /** {@code with target as value}. */
    public record With(Term target, Term value, Location loc) {
    }
}
