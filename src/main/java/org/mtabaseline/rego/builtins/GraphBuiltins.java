package org.mtabaseline.rego.builtins;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.Value;

/** {@code graph.reachable} and {@code graph.reachable_paths} over an adjacency object (edges as arrays or sets). */
public final class GraphBuiltins {
    private GraphBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("graph.reachable", 2, (ctx, a) -> {
            ObjectValue graph = Args.object(a, 0);
            Deque<Value> queue = new ArrayDeque<>(vertices(a, 1));
            Set<Value> reached = new HashSet<>();
            while (!queue.isEmpty()) {
                Value node = queue.poll();
                Value edges = graph.get(node);
                if (edges != null) {
                    for (Value n : elements(edges)) {
                        if (!reached.contains(n)) {
                            queue.add(n);
                        }
                    }
                    reached.add(node);
                }
            }
            return SetValue.of(reached);
        });
        r.register("graph.reachable_paths", 2, (ctx, a) -> {
            ObjectValue graph = Args.object(a, 0);
            List<Value> out = new ArrayList<>();
            for (Value node : vertices(a, 1)) {
                Value edges = graph.get(node);
                if (edges == null) {
                    continue;
                }
                List<Value> neighbours = elements(edges);
                if (neighbours.isEmpty()) {
                    out.add(ArrayValue.of(node));
                    continue;
                }
                for (Value n : neighbours) {
                    paths(graph, n, new ArrayList<>(List.of(node)), out, new HashSet<>(Set.of(node)));
                }
            }
            return SetValue.of(out);
        });
    }

    private static void paths(ObjectValue graph, Value root, List<Value> path, List<Value> out, Set<Value> reached) {
        Value edges = graph.get(root);
        if (edges == null) {
            out.add(ArrayValue.of(path));
            return;
        }
        path.add(root);
        List<Value> neighbours = elements(edges);
        if (neighbours.isEmpty()) {
            out.add(ArrayValue.of(path));
            return;
        }
        Set<Value> seen = new HashSet<>(reached);
        seen.add(root);
        for (Value n : neighbours) {
            if (seen.contains(n)) {
                out.add(ArrayValue.of(path));
            } else {
                paths(graph, n, new ArrayList<>(path), out, seen);
            }
        }
    }

    private static List<Value> vertices(List<Value> a, int i) {
        Value v = a.get(i);
        if (v instanceof ArrayValue || v instanceof SetValue) {
            return elements(v);
        }
        throw BuiltinException.typeError("operand " + (i + 1) + " must be {array, set} but got " + v.typeName());
    }

    private static List<Value> elements(Value v) {
        if (v instanceof ArrayValue arr) {
            return arr.list();
        } else if (v instanceof SetValue set) {
            return set.list();
        }
        return List.of();
    }
}
