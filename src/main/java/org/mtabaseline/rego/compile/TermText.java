package org.mtabaseline.rego.compile;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.mtabaseline.rego.ast.Expr;
import org.mtabaseline.rego.ast.Term;
import org.mtabaseline.rego.value.StringValue;

/** Terms written back as Rego, as OPA's String() methods print them in error messages. */
final class TermText {
    private static final Pattern IDENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    private static final Set<String> KEYWORDS = Set.of("not", "package", "import", "as", "default", "else", "with",
            "null", "true", "false", "some", "if", "contains", "in", "every");

    private TermText() {
    }

    static String of(Term t) {
        if (t instanceof Term.Scalar s) {
            return s.value().toString();
        }
        if (t instanceof Term.Var v) {
            return var(v.name());
        }
        if (t instanceof Term.Ref r) {
            return ref(r.head(), r.path(), r.path().size());
        }
        if (t instanceof Term.ArrayLit a) {
            return "[" + join(a.elems()) + "]";
        }
        if (t instanceof Term.SetLit s) {
            return s.elems().isEmpty() ? "set()" : "{" + join(s.elems()) + "}";
        }
        if (t instanceof Term.ObjectLit o) {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < o.keys().size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(of(o.keys().get(i))).append(": ").append(of(o.values().get(i)));
            }
            return sb.append('}').toString();
        }
        if (t instanceof Term.Call c) {
            return c.name() + "(" + join(c.args()) + ")";
        }
        if (t instanceof Term.ArrayCompr c) {
            return "[" + of(c.head()) + " | " + body(c.body()) + "]";
        }
        if (t instanceof Term.SetCompr c) {
            return "{" + of(c.head()) + " | " + body(c.body()) + "}";
        }
        if (t instanceof Term.ObjectCompr c) {
            return "{" + of(c.key()) + ": " + of(c.value()) + " | " + body(c.body()) + "}";
        }
        return "$\"...\"";
    }

    /** A variable as the user wrote it: generated locals lose their suffix, wildcards are {@code _}. */
    static String var(String name) {
        return name.startsWith("$") ? "_" : LocalVars.displayName(name);
    }

    /** head.path[0..n) as OPA's Ref.String(): identifier strings with a dot, the rest in brackets. */
    static String ref(Term head, List<Term> path, int n) {
        StringBuilder sb = new StringBuilder(of(head));
        for (int i = 0; i < n; i++) {
            Term p = path.get(i);
            if (p instanceof Term.Scalar s && s.value() instanceof StringValue str && IDENT.matcher(str.value()).matches()
                    && !KEYWORDS.contains(str.value())) {
                sb.append('.').append(str.value());
            } else {
                sb.append('[').append(of(p)).append(']');
            }
        }
        return sb.toString();
    }

    private static String join(List<Term> ts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ts.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(of(ts.get(i)));
        }
        return sb.toString();
    }

    private static String body(List<Expr> body) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < body.size(); i++) {
            if (i > 0) {
                sb.append("; ");
            }
            Expr.Kind k = body.get(i).kind();
            if (body.get(i).negated()) {
                sb.append("not ");
            }
            if (k instanceof Expr.TermExpr te) {
                sb.append(of(te.term()));
            } else if (k instanceof Expr.Unify u) {
                sb.append(of(u.left())).append(" = ").append(of(u.right()));
            } else if (k instanceof Expr.Assign a) {
                sb.append(of(a.left())).append(" := ").append(of(a.right()));
            } else {
                sb.append("...");
            }
        }
        return sb.toString();
    }
}
