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

    /** {@code with target as value}. */
    public record With(Term target, Term value, Location loc) {
    }
}
