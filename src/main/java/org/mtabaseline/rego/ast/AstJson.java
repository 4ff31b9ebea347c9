package org.mtabaseline.rego.ast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.NullValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/**
 * A parsed module as OPA's JSON AST (what {@code rego.parse_module} returns): terms are
 * {@code {"type": ..., "value": ...}}, expressions {@code {"index", "terms", "negated", "with"}}, rules
 * {@code {"head", "body", "default", "else"}}. Locations and comments are left out, as OPA's default
 * JSON options do.
 */
public final class AstJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private AstJson() {
    }

    public static ObjectNode module(Module m) {
        ObjectNode out = F.objectNode();
        ArrayNode path = F.arrayNode().add(term("var", F.textNode("data")));
        m.packagePath().forEach(p -> path.add(term("string", F.textNode(p))));
        out.set("package", F.objectNode().set("path", path));
        if (!m.imports().isEmpty()) {
            ArrayNode imports = out.putArray("imports");
            for (Module.Import im : m.imports()) {
                ObjectNode i = F.objectNode();
                i.set("path", im.path().size() == 1 ? term("var", F.textNode(im.path().get(0)))
                        : term("ref", refPath(im.path())));
                if (im.alias() != null) {
                    i.put("alias", im.alias());
                }
                imports.add(i);
            }
        }
        if (!m.rules().isEmpty()) {
            ArrayNode rules = out.putArray("rules");
            m.rules().forEach(r -> rules.add(rule(r, r.head(), r.args())));
        }
        return out;
    }

    private static ObjectNode rule(Rule r, List<Term> headRef, List<Term> args) {
        ObjectNode out = F.objectNode();
        // a rule without a body (default rules) has the body `true`, as OPA's parser gives it
        out.set("body", body(r.body().isEmpty() ? List.of(new Expr(new Expr.TermExpr(new Term.Scalar(BooleanValue.TRUE,
                r.loc())), false, List.of(), r.loc())) : r.body()));
        ObjectNode head = F.objectNode();
        ArrayNode ref = F.arrayNode();
        headRef.forEach(t -> ref.add(term(t)));
        if (headRef.size() == 1) {
            head.put("name", r.name());
        }
        head.set("ref", ref);
        if (args != null) {
            ArrayNode a = head.putArray("args");
            args.forEach(t -> a.add(term(t)));
        }
        if (r.key() != null) {
            head.set("key", term(r.key()));
        } else if (headRef.size() == 2 && !(headRef.get(1) instanceof Term.Scalar)) {
            head.set("key", term(headRef.get(1)));
        }
        if (r.value() != null) {
            head.set("value", term(r.value()));
        }
        out.set("head", head);
        if (r.isDefault()) {
            out.put("default", true);
        }
        if (r.elseRule() != null) {
            out.set("else", rule(r.elseRule(), headRef, args));
        }
        return out;
    }

    private static ArrayNode body(List<Expr> body) {
        ArrayNode out = F.arrayNode();
        for (int i = 0; i < body.size(); i++) {
            out.add(expr(body.get(i), i));
        }
        return out;
    }

    private static ObjectNode expr(Expr e, int index) {
        ObjectNode out = F.objectNode();
        out.put("index", index);
        if (e.negated()) {
            out.put("negated", true);
        }
        Expr.Kind k = e.kind();
        if (k instanceof Expr.TermExpr te) {
            out.set("terms", te.term() instanceof Term.Call c ? callTerms(c.name(), c.args()) : term(te.term()));
        } else if (k instanceof Expr.Unify u) {
            out.set("terms", callTerms("eq", List.of(u.left(), u.right())));
        } else if (k instanceof Expr.Assign a) {
            out.set("terms", callTerms("assign", List.of(a.left(), a.right())));
        } else if (k instanceof Expr.SomeDecl s) {
            ArrayNode symbols = F.arrayNode();
            s.vars().forEach(v -> symbols.add(term(v)));
            out.set("terms", F.objectNode().set("symbols", symbols));
        } else if (k instanceof Expr.SomeIn s) {
            ArrayNode call = s.key() == null ? callTerms("internal.member_2", List.of(s.value(), s.collection()))
                    : callTerms("internal.member_3", List.of(s.key(), s.value(), s.collection()));
            out.set("terms", F.objectNode().set("symbols", F.arrayNode().add(term("call", call))));
        } else if (k instanceof Expr.Logical l) {
            // experimental and/or: no stable JSON form in OPA yet, rendered as its two bodies
            out.set("terms", F.objectNode().set(l.or() ? "or" : "and",
                    F.objectNode().<ObjectNode>set("lhs", body(l.lhs())).set("rhs", body(l.rhs()))));
        } else if (k instanceof Expr.NotBody nb) {
            out.set("terms", F.objectNode().set("not", body(nb.body())));
        } else {
            Expr.Every ev = (Expr.Every) k;
            ObjectNode every = F.objectNode();
            every.set("key", ev.key() == null ? F.nullNode() : term(ev.key()));
            every.set("value", term(ev.value()));
            every.set("domain", term(ev.collection()));
            every.set("body", body(ev.body()));
            out.set("terms", every);
        }
        if (!e.withs().isEmpty()) {
            ArrayNode ws = out.putArray("with");
            for (Expr.With w : e.withs()) {
                // with targets are refs in OPA's AST, even a bare input or data
                ObjectNode target = w.target() instanceof Term.Var v ? term("ref", F.arrayNode().add(term(v))) : term(w.target());
                ws.add(F.objectNode().<ObjectNode>set("target", target).set("value", term(w.value())));
            }
        }
        return out;
    }

    private static ArrayNode callTerms(String op, List<Term> args) {
        ArrayNode out = F.arrayNode().add(term("ref", refPath(List.of(op.split("\\.")))));
        args.forEach(a -> out.add(term(a)));
        return out;
    }

    /** A dotted name as ref elements: the head a var, the rest strings. */
    private static ArrayNode refPath(List<String> parts) {
        ArrayNode out = F.arrayNode().add(term("var", F.textNode(parts.get(0))));
        for (int i = 1; i < parts.size(); i++) {
            out.add(term("string", F.textNode(parts.get(i))));
        }
        return out;
    }

    private static ObjectNode term(String type, JsonNode value) {
        ObjectNode o = F.objectNode();
        o.put("type", type);
        o.set("value", value);
        return o;
    }

    public static ObjectNode term(Term t) {
        if (t instanceof Term.Scalar s) {
            return value(s.value());
        }
        if (t instanceof Term.Var v) {
            return term("var", F.textNode(v.name()));
        }
        if (t instanceof Term.Ref r) {
            ArrayNode a = F.arrayNode().add(term(r.head()));
            r.path().forEach(p -> a.add(term(p)));
            return term("ref", a);
        }
        if (t instanceof Term.ArrayLit a) {
            ArrayNode out = F.arrayNode();
            a.elems().forEach(x -> out.add(term(x)));
            return term("array", out);
        }
        if (t instanceof Term.SetLit s) {
            ArrayNode out = F.arrayNode();
            s.elems().forEach(x -> out.add(term(x)));
            return term("set", out);
        }
        if (t instanceof Term.ObjectLit o) {
            ArrayNode out = F.arrayNode();
            for (int i = 0; i < o.keys().size(); i++) {
                out.add(F.arrayNode().add(term(o.keys().get(i))).add(term(o.values().get(i))));
            }
            return term("object", out);
        }
        if (t instanceof Term.Call c) {
            return term("call", callTerms(c.name(), c.args()));
        }
        if (t instanceof Term.ArrayCompr c) {
            return term("arraycomprehension", F.objectNode().<ObjectNode>set("term", term(c.head())).set("body", body(c.body())));
        }
        if (t instanceof Term.SetCompr c) {
            return term("setcomprehension", F.objectNode().<ObjectNode>set("term", term(c.head())).set("body", body(c.body())));
        }
        if (t instanceof Term.ObjectCompr c) {
            return term("objectcomprehension", F.objectNode().<ObjectNode>set("key", term(c.key()))
                    .<ObjectNode>set("value", term(c.value())).set("body", body(c.body())));
        }
        Term.Template tp = (Term.Template) t;
        ArrayNode parts = F.arrayNode();
        for (int i = 0; i < tp.literals().size(); i++) {
            if (!tp.literals().get(i).isEmpty()) {
                parts.add(term("string", F.textNode(tp.literals().get(i))));
            }
            if (i < tp.parts().size()) {
                parts.add(term(tp.term(i)));
            }
        }
        return term("templatestring", parts);
    }

    private static ObjectNode value(Value v) {
        if (v instanceof NullValue) {
            return term("null", F.nullNode());
        }
        if (v instanceof BooleanValue b) {
            return term("boolean", F.booleanNode(b.value()));
        }
        if (v instanceof NumberValue n) {
            return term("number", n.isInteger() ? F.numberNode(n.bigInteger()) : F.numberNode(n.decimal()));
        }
        if (v instanceof StringValue s) {
            return term("string", F.textNode(s.value()));
        }
        if (v instanceof ArrayValue a) {
            ArrayNode out = F.arrayNode();
            a.list().forEach(x -> out.add(value(x)));
            return term("array", out);
        }
        if (v instanceof SetValue s) {
            ArrayNode out = F.arrayNode();
            s.list().forEach(x -> out.add(value(x)));
            return term("set", out);
        }
        ObjectValue o = (ObjectValue) v;
        ArrayNode out = F.arrayNode();
        for (int i = 0; i < o.size(); i++) {
            out.add(F.arrayNode().add(value(o.keyAt(i))).add(value(o.valueAt(i))));
        }
        return term("object", out);
    }
}
