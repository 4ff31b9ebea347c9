package org.mtabaseline.rego.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mtabaseline.rego.RegoCompileException;
import org.mtabaseline.rego.RegoError;
import org.mtabaseline.rego.ast.Expr;
import org.mtabaseline.rego.ast.Module;
import org.mtabaseline.rego.ast.Term;
import org.mtabaseline.rego.value.StringValue;

/**
 * The logic operators {@code and} / {@code or} as OPA parses them (experimental keywords): precedence,
 * operands written in braces or parentheses, {@code not}, {@code with}, and OPA's parse errors with
 * their positions. Each body renders as a compact tree: {@code (a or (b and c))}, {@code {x; y}} for a
 * braced operand, {@code not{..}} / {@code not(..)} for a negated body, {@code [e with t as v]} for an
 * operand carrying modifiers.
 */
class LogicOperatorsParserTest {
    private static final String ALL = "import future.keywords.and\nimport future.keywords.or\nimport future.keywords.not\n";

    // ---------------------------------------------------------------- precedence and grouping

    @Test
    void andBindsTighterThanOr() {
        assertEquals("(x or (y and z))", body("x or y and z"));
        assertEquals("((x and y) or z)", body("x and y or z"));
        assertEquals("((x and y) or (z and w))", body("x and y or z and w"));
    }

    @Test
    void bothOperatorsAreLeftAssociative() {
        assertEquals("((x and y) and z)", body("x and y and z"));
        assertEquals("((x or y) or z)", body("x or y or z"));
    }

    @Test
    void notNegatesOneOperandOnly() {
        assertEquals("(not x and y)", body("not x and y"));
        assertEquals("(not x or y)", body("not x or y"));
        assertEquals("(x or not y)", body("x or not y"));
        assertEquals("((not x and not y) or z)", body("not x and not y or z"));
    }

    @Test
    void comparisonsMembershipAndArithmeticStayInsideTheirOperand() {
        assertEquals("(equal(plus(1, 1), 2) and internal.member_2(x, s))", body("1 + 1 == 2 and x in s"));
    }

    @Test
    void bracedOperandsAreExplicitBodies() {
        assertEquals("({x; y} and z)", body("{x; y} and z"));
        assertEquals("(x or {y; z})", body("x or {y; z}"));
        assertEquals("(x and {(y or z)})", body("x and {y or z}"));
        assertEquals("({(a or b)} and {(c or d)})", body("{ a or b } and { c or d }"));
    }

    @Test
    void bracesNotFollowedByAnOperatorAreStillASetOrObject() {
        assertEquals("equal({a}, x)", body("{a} == x"));
        assertEquals("({a} and c)", body("({a}) and c"));
    }

    @Test
    void parenthesesGroupOperands() {
        assertEquals("((a or b) and c)", body("(a or b) and c"));
        assertEquals("(a and (b or c))", body("a and (b or c)"));
        assertEquals("(a or b)", body("(((a or b)))"));
        assertEquals("(a or b)", body("a or ((b))"));
        assertEquals("(((a or b) and c) or d)", body("((a or b) and c) or d"));
    }

    @Test
    void notOverABraceOrGroupNegatesAWholeBody() {
        assertEquals("not{(x or y)}", body("not {x or y}"));
        assertEquals("not((a or b))", body("not (a or b)"));
        assertEquals("(not((a or b)) and c)", body("not (a or b) and c"));
    }

    @Test
    void trailingWithAppliesToTheWholeExpression() {
        assertEquals("(a and b) with input as v", body("a and b with input as v"));
        assertEquals("(a or (b and c)) with input as v", body("a or b and c with input as v"));
        assertEquals("([a with input as v] and b)", body("(a with input as v) and b"));
        assertEquals("({a with input as v} and b)", body("{a with input as v} and b"));
        assertEquals("([(a or b) with input as x] and c)", body("(a or b with input as x) and c"));
    }

    @Test
    void aRuleBodyCanBeOneLogicalExpression() {
        assertEquals("(gt(input.x, 0) or gt(input.y, 0))", ruleBody(ALL + "p if input.x > 0 or input.y > 0"));
        assertEquals("({x; y} or z)", ruleBody(ALL + "p if {x; y} or z"));
        assertEquals("not{false}", ruleBody(ALL + "p if not {\n  false\n}"));
    }

    @Test
    void keywordsStayNamesInRefsAndWithoutTheirImport() {
        assertEquals("x.and", body("x.and"));
        assertEquals("and.x", body("and.x"));
        assertEquals("and := 1; equal(and, 1)",
                ruleBody("import future.keywords.not\np if {\n  and := 1\n  and == 1\n}"));
    }

    // ---------------------------------------------------------------- parse errors, as OPA reports them

    @Test
    void withOnASingleExpressionOperandIsRefused() {
        assertError(7, 4, "`with` modifier is not allowed on operand of `and` (hint: Wrap the operand in `(...)` or "
                + "`{...}` to scope, or move `with` after the `and` expression to apply it to the whole expression)",
                "a with input as v and b");
        assertError(7, 26, "unexpected or keyword: expected \\n or ; or }", "a and b with input as v or c");
    }

    @Test
    void operatorsWithoutOperandsAreUnexpected() {
        assertError(7, 2, "unexpected and keyword", "and y");
        assertError(7, 7, "unexpected or keyword", "x or or y");
        assertError(7, 8, "unexpected or keyword", "x and or y");
        assertError(7, 8, "unexpected some keyword", "y and some x in xs");
        assertError(7, 15, "unexpected and keyword: expected \\n or ; or }", "some x in xs and y");
    }

    @Test
    void anOperandStartingWithABraceMustBeABody() {
        assertError(7, 2, "operand of `and` cannot begin with `{` unless the braces hold a body (hint: wrap the operand "
                + "to keep the value: `({\"a\": 1}) and ...`)", "{\"a\": 1} and z");
        assertError(7, 7, "operand of `or` cannot begin with `{` unless the braces hold a body (hint: wrap the operand "
                + "to keep the value: `({1, 2}) or ...`)", "z or {1, 2}");
        assertError(7, 2, "operand of `and` cannot begin with `{` unless the braces hold a body (hint: wrap the operand "
                + "to keep the value: `({1, 2} & input.s == set()) and ...`)", "{1, 2} & input.s == set() and z");
        assertError(7, 2, "found empty body", "{} and z");
        assertError(7, 9, "found empty body", "z and {}");
        assertError(7, 7, "found empty body", "not {}");
    }

    @Test
    void groupsMustHoldAnExpressionAndBeClosed() {
        assertError(7, 7, "empty parenthesized group", "a or ()");
        assertError(7, 8, "`(...)` in an operand position cannot contain a body (hint: drop the parens to keep the "
                + "body: `{b or c}`)", "a and ({b or c})");
        assertError(8, 1, "expected ) to close parenthesized group", "a and (b or c");
        assertError(7, 11, "unexpected equal token: expected \\n or ; or }", "(a or b) == c");
    }

    @Test
    void logicKeywordsNeedExperimentalCapabilities() {
        RegoCompileException e = assertThrows(RegoCompileException.class,
                () -> Parser.parseModule("test.rego", "package test\n\nimport future.keywords.and\n", false));
        assertError(e, 3, 8, "unexpected keyword, must be one of [contains every if in not]");
        e = assertThrows(RegoCompileException.class,
                () -> Parser.parseModule("test.rego", "package test\n\nimport future.keywords.xyz\n", true));
        assertError(e, 3, 8, "unexpected keyword, must be one of [and contains every if in not or]");
        e = assertThrows(RegoCompileException.class,
                () -> Parser.parseModule("test.rego", "package test\n\nimport future.keywords.in as xyz\n", true));
        assertError(e, 3, 8, "`future` imports cannot be aliased");
        e = assertThrows(RegoCompileException.class,
                () -> Parser.parseModule("test.rego", "package test\n\nimport future.a\n", true));
        assertError(e, 3, 8, "invalid import, must be `future.keywords`");
    }

    @Test
    void importingAllFutureKeywordsTurnsTheOperatorsOn() {
        assertEquals("(a or b)", ruleBody("import future.keywords\np if { a or b }"));
    }

    // ---------------------------------------------------------------- helpers

    /** The first rule body of {@code p if { src }} in a module importing and, or and not. */
    private static String body(String src) {
        return ruleBody(ALL + "p if {\n" + src + "\n}");
    }

    private static String ruleBody(String rest) {
        Module m = Parser.parseModule("test.rego", "package test\n" + rest + "\n", true);
        return render(m.rules().get(0).body());
    }

    /** Parses {@code src} as the only line of a body: row 7 of a module importing and, or and not. */
    private static void assertError(int row, int col, String message, String src) {
        String module = "package test\n\n" + ALL + "p if {\n\t" + src + "\n}\n";
        RegoCompileException e = assertThrows(RegoCompileException.class, () -> Parser.parseModule("test.rego", module, true));
        assertError(e, row, col, message);
    }

    private static void assertError(RegoCompileException e, int row, int col, String message) {
        RegoError err = e.errors().get(0);
        assertEquals("test.rego:" + row + ":" + col + ": rego_parse_error: " + message,
                err.file() + ":" + err.row() + ":" + err.col() + ": " + err.code() + ": " + err.message());
    }

    private static String render(List<Expr> body) {
        return body.stream().map(LogicOperatorsParserTest::render).collect(Collectors.joining("; "));
    }

    private static String render(Expr e) {
        Expr.Kind k = e.kind();
        String s;
        if (k instanceof Expr.TermExpr t) {
            s = render(t.term());
        } else if (k instanceof Expr.Unify u) {
            s = render(u.left()) + " = " + render(u.right());
        } else if (k instanceof Expr.Assign a) {
            s = render(a.left()) + " := " + render(a.right());
        } else if (k instanceof Expr.Logical l) {
            s = "(" + operand(l.lhs(), l.explicitLhs()) + (l.or() ? " or " : " and ") + operand(l.rhs(), l.explicitRhs())
                    + ")";
        } else if (k instanceof Expr.NotBody n) {
            s = n.explicit() ? "not{" + render(n.body()) + "}" : "not(" + render(n.body()) + ")";
        } else {
            s = k.toString();
        }
        if (e.negated()) {
            s = "not " + s;
        }
        for (Expr.With w : e.withs()) {
            s += " with " + render(w.target()) + " as " + render(w.value());
        }
        return s;
    }

    private static String operand(List<Expr> body, boolean explicit) {
        if (explicit) {
            return "{" + render(body) + "}";
        }
        Expr e = body.get(0);
        return e.withs().isEmpty() ? render(e) : "[" + render(e) + "]";
    }

    private static String render(Term t) {
        if (t instanceof Term.Var v) {
            return v.name();
        }
        if (t instanceof Term.Scalar sc) {
            return sc.value().toString();
        }
        if (t instanceof Term.Ref r) {
            StringBuilder sb = new StringBuilder(render(r.head()));
            for (Term x : r.path()) {
                sb.append(x instanceof Term.Scalar sc && sc.value() instanceof StringValue str ? "." + str.value()
                        : "[" + render(x) + "]");
            }
            return sb.toString();
        }
        if (t instanceof Term.Call c) {
            return c.name() + "(" + c.args().stream().map(LogicOperatorsParserTest::render).collect(Collectors.joining(", "))
                    + ")";
        }
        if (t instanceof Term.SetLit st) {
            return st.elems().isEmpty() ? "set()"
                    : "{" + st.elems().stream().map(LogicOperatorsParserTest::render).collect(Collectors.joining(", ")) + "}";
        }
        if (t instanceof Term.ObjectLit o) {
            List<String> kv = new ArrayList<>();
            for (int i = 0; i < o.keys().size(); i++) {
                kv.add(render(o.keys().get(i)) + ": " + render(o.values().get(i)));
            }
            return "{" + String.join(", ", kv) + "}";
        }
        return t.toString();
    }
}
