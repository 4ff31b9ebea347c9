package org.mtabaseline.rego.builtins;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.NullValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/**
 * {@code strings.render_template}: the part of Go's text/template that policies use: {@code {{.a.b}}},
 * variables, {@code range} (with {@code $i, $v :=}), {@code if}/{@code else}, {@code end}; a missing
 * key renders as {@code <undefined>} as in OPA.
 */
public final class TemplateBuiltins {
    private TemplateBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("strings.render_template", 2, (ctx, a) -> {
            String template = Args.string(a, 0);
            ObjectValue vars = Args.object(a, 1);
            List<Node> nodes = new Parser(template).parse(false);
            StringBuilder out = new StringBuilder();
            render(nodes, vars, new HashMap<>(), out);
            return StringValue.of(out.toString());
        });
    }

    private sealed interface Node permits Text, Print, Range, If {
    }

    private record Text(String text) implements Node {
    }

    private record Print(String expr) implements Node {
    }

    private record Range(String indexVar, String valueVar, String expr, List<Node> body, List<Node> otherwise)
            implements Node {
    }

    private record If(String expr, List<Node> then, List<Node> otherwise) implements Node {
    }

    private static final class Parser {
        private final String src;
        private int pos;
        private String lastTag;

        Parser(String src) {
            this.src = src;
        }

        /** Parses until end of input or an {{end}}/{{else}} when nested. */
        List<Node> parse(boolean nested) {
            List<Node> nodes = new ArrayList<>();
            while (pos < src.length()) {
                int open = src.indexOf("{{", pos);
                if (open < 0) {
                    nodes.add(new Text(src.substring(pos)));
                    pos = src.length();
                    break;
                }
                if (open > pos) {
                    nodes.add(new Text(src.substring(pos, open)));
                }
                int close = src.indexOf("}}", open);
                if (close < 0) {
                    throw BuiltinException.error("template: unclosed action");
                }
                String action = src.substring(open + 2, close).trim();
                pos = close + 2;
                if (action.equals("end") || action.equals("else")) {
                    if (!nested) {
                        throw BuiltinException.error("template: unexpected {{" + action + "}}");
                    }
                    lastTag = action;
                    return nodes;
                }
                if (action.startsWith("range ")) {
                    String spec = action.substring(6).trim();
                    String indexVar = null;
                    String valueVar = null;
                    int assign = spec.indexOf(":=");
                    if (assign >= 0) {
                        String[] names = spec.substring(0, assign).split(",");
                        if (names.length == 2) {
                            indexVar = names[0].trim();
                            valueVar = names[1].trim();
                        } else {
                            valueVar = names[0].trim();
                        }
                        spec = spec.substring(assign + 2).trim();
                    }
                    List<Node> body = parse(true);
                    List<Node> otherwise = List.of();
                    if ("else".equals(lastTag)) {
                        otherwise = parse(true);
                    }
                    nodes.add(new Range(indexVar, valueVar, spec, body, otherwise));
                } else if (action.startsWith("if ")) {
                    String expr = action.substring(3).trim();
                    List<Node> then = parse(true);
                    List<Node> otherwise = List.of();
                    if ("else".equals(lastTag)) {
                        otherwise = parse(true);
                    }
                    nodes.add(new If(expr, then, otherwise));
                } else {
                    nodes.add(new Print(action));
                }
            }
            if (nested) {
                throw BuiltinException.error("template: unexpected EOF");
            }
            return nodes;
        }
    }

    private static void render(List<Node> nodes, Value dot, Map<String, Value> vars, StringBuilder out) {
        for (Node n : nodes) {
            if (n instanceof Text t) {
                out.append(t.text);
            } else if (n instanceof Print p) {
                Value v = eval(p.expr, dot, vars);
                out.append(v == null ? "<undefined>" : print(v));
            } else if (n instanceof If i) {
                render(truthy(eval(i.expr, dot, vars)) ? i.then : i.otherwise, dot, vars, out);
            } else if (n instanceof Range r) {
                Value coll = eval(r.expr, dot, vars);
                List<Value[]> items = new ArrayList<>();
                if (coll instanceof ArrayValue arr) {
                    for (int i = 0; i < arr.size(); i++) {
                        items.add(new Value[]{NumberValue.of(i), arr.get(i)});
                    }
                } else if (coll instanceof SetValue set) {
                    for (int i = 0; i < set.size(); i++) {
                        items.add(new Value[]{NumberValue.of(i), set.get(i)});
                    }
                } else if (coll instanceof ObjectValue obj) {
                    for (int i = 0; i < obj.size(); i++) {
                        items.add(new Value[]{obj.keyAt(i), obj.valueAt(i)});
                    }
                }
                if (items.isEmpty()) {
                    render(r.otherwise, dot, vars, out);
                }
                for (Value[] item : items) {
                    Map<String, Value> scope = new HashMap<>(vars);
                    if (r.indexVar != null) {
                        scope.put(r.indexVar, item[0]);
                    }
                    if (r.valueVar != null) {
                        scope.put(r.valueVar, item[1]);
                    }
                    render(r.body, item[1], scope, out);
                }
            }
        }
    }

    /** {@code .}, {@code .a.b}, {@code $x}, {@code $x.a}; null when a key is missing. */
    private static Value eval(String expr, Value dot, Map<String, Value> vars) {
        Value cur;
        String rest;
        if (expr.startsWith("$")) {
            int dotPos = expr.indexOf('.');
            String name = dotPos < 0 ? expr : expr.substring(0, dotPos);
            cur = vars.get(name);
            if (cur == null) {
                throw BuiltinException.error("template: undefined variable \"" + name + "\"");
            }
            rest = dotPos < 0 ? "" : expr.substring(dotPos);
        } else if (expr.startsWith(".")) {
            cur = dot;
            rest = expr;
        } else {
            throw BuiltinException.error("template: unsupported action \"" + expr + "\"");
        }
        for (String part : rest.split("\\.")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!(cur instanceof ObjectValue o)) {
                return null;
            }
            cur = o.get(part);
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    private static boolean truthy(Value v) {
        if (v == null || v instanceof NullValue) {
            return false;
        }
        if (v instanceof BooleanValue b) {
            return b.value();
        }
        if (v instanceof NumberValue n) {
            return n.decimal().signum() != 0;
        }
        if (v instanceof StringValue s) {
            return !s.value().isEmpty();
        }
        if (v instanceof ArrayValue a) {
            return a.size() > 0;
        }
        if (v instanceof SetValue s) {
            return s.size() > 0;
        }
        return v instanceof ObjectValue o && o.size() > 0;
    }

    private static String print(Value v) {
        if (v instanceof StringValue s) {
            return s.value();
        }
        if (v instanceof ArrayValue || v instanceof SetValue) {
            List<Value> elems = v instanceof ArrayValue a ? a.list() : ((SetValue) v).list();
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < elems.size(); i++) {
                if (i > 0) {
                    b.append(' ');
                }
                b.append(print(elems.get(i)));
            }
            return b.append(']').toString();
        }
        if (v instanceof NullValue) {
            return "<nil>";
        }
        return v.toString();
    }
}
