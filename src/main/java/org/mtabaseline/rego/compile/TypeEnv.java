package org.mtabaseline.rego.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtabaseline.rego.ast.Term;
import org.mtabaseline.rego.types.Type;
import org.mtabaseline.rego.types.Type.ObjectType;
import org.mtabaseline.rego.types.Type.Property;
import org.mtabaseline.rego.types.Types;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/**
 * Types known at a point of type checking, as OPA's TypeEnv (ast/env.go): a tree whose first level holds
 * variables and the roots {@code data} / {@code input} (keyed by name), deeper levels keyed by constant
 * values; rule types sit at their paths under {@code data}. Scopes chain to the enclosing environment.
 * After the rules are checked the program's environment is only read, so it may be shared.
 */
final class TypeEnv {
    final Node tree = new Node();
    final TypeEnv next;

    TypeEnv(TypeEnv next) {
        this.next = next;
    }

    TypeEnv wrap() {
        return new TypeEnv(this);
    }

    /** A node: its type (a leaf when set) and children by key (String at the first level, Value below). */
    static final class Node {
        Type value;
        Map<Object, Node> children;

        Node child(Object key) {
            return children == null ? null : children.get(key);
        }

        Node childOrNew(Object key) {
            if (children == null) {
                children = new LinkedHashMap<>(4);
            }
            return children.computeIfAbsent(key, k -> new Node());
        }

        boolean leaf() {
            return value != null;
        }

        boolean hasChildren() {
            return children != null && !children.isEmpty();
        }
    }

    // ------------------------------------------------------------------ lookups

    /** The type of a variable (null when unknown). */
    Type var(String name) {
        for (TypeEnv e = this; e != null; e = e.next) {
            if (e.tree.children == null) {
                continue;
            }
            Node n = e.tree.children.get(name);
            if (n != null) {
                return n.value;
            }
        }
        return null;
    }

    void putVar(String name, Type t) {
        tree.childOrNew(name).value = t;
    }

    /** The type of head.path... (OPA's GetByRef). */
    Type ref(String head, List<Term> path) {
        Node n = tree.child(head);
        if (n == null) {
            return fallback(head, path);
        }
        return refRec(n, head, path, 0);
    }

    private Type fallback(String head, List<Term> path) {
        if (next != null) {
            return next.ref(head, path);
        }
        return Compiler.isRoot(head) ? Type.ANY : null;
    }

    private Type refRec(Node node, String head, List<Term> path, int i) {
        if (i == path.size()) {
            return extent(node);
        }
        if (node.leaf()) {
            if (node.hasChildren()) {
                Object k = key(path.get(i));
                Node c = k == null ? null : node.child(k);
                if (c != null) {
                    return refRec(c, head, path, i + 1);
                }
            }
            return selectRef(node.value, path, i);
        }
        if (!(path.get(i) instanceof Term.Scalar)) {
            return selectRef(extent(node), path, i);
        }
        Node c = node.child(key(path.get(i)));
        if (c == null) {
            return fallback(head, path);
        }
        return refRec(c, head, path, i + 1);
    }

    /** The key of a path element in the tree: the value of a constant, else null. */
    static Object key(Term t) {
        return t instanceof Term.Scalar s ? s.value() : null;
    }

    /** The type of a subtree: its leaf type, or an object of its children's types (open to more keys). */
    Type extent(Node node) {
        if (node.leaf()) {
            return node.value;
        }
        List<Property> props = new ArrayList<>();
        if (node.children != null) {
            for (Map.Entry<Object, Node> e : node.children.entrySet()) {
                Object k = e.getKey();
                if (k instanceof StringValue || k instanceof NumberValue || k instanceof BooleanValue) {
                    props.add(new Property((Value) k, extent(e.getValue())));
                }
            }
        }
        return new ObjectType(props, Type.STRING, Type.ANY);
    }

    /** The type of tpe[path[i]]...: constants select, anything else enumerates values. */
    static Type selectRef(Type tpe, List<Term> path, int i) {
        for (; i < path.size() && tpe != null; i++) {
            Term h = path.get(i);
            if (h instanceof Term.Scalar s && !(s.value() instanceof ArrayValue || s.value() instanceof ObjectValue
                    || s.value() instanceof SetValue)) {
                tpe = Types.select(tpe, s.value());
            } else {
                tpe = Types.values(tpe);
            }
        }
        return tpe;
    }

    // ------------------------------------------------------------------ rule types

    /** Sets the type at a ground path, replacing what was there. */
    void put(List<Object> path, Type t) {
        Node n = tree;
        for (Object k : path) {
            n = n.childOrNew(k);
        }
        n.value = t;
    }

    /**
     * Adds a rule's type at its ground path (OPA's typeTreeNode.Insert): merged with what is there, and
     * merged into object types found along the path.
     */
    void insert(List<Object> path, Type t) {
        Node cur = tree;
        for (int i = 0; i < path.size(); i++) {
            Node child = cur.child(path.get(i));
            if (child == null) {
                child = cur.childOrNew(path.get(i));
            } else if (child.value != null && i + 1 < path.size() && child.value instanceof ObjectType o) {
                child.value = insertIntoObject(o, path.subList(i + 1, path.size()), t);
            }
            cur = child;
        }
        cur.value = mergeTypes(cur.value, t);
        if (t instanceof ObjectType && cur.hasChildren()) {
            List<Object> prefix = new ArrayList<>();
            for (Map.Entry<Object, Node> e : cur.children.entrySet()) {
                leafs(e.getKey(), e.getValue(), prefix, cur);
            }
        }
    }

    private void leafs(Object key, Node n, List<Object> prefix, Node target) {
        List<Object> p = new ArrayList<>(prefix);
        p.add(key);
        if (n.leaf()) {
            target.value = insertIntoObject((ObjectType) target.value, p, n.value);
            return;
        }
        if (n.children != null) {
            for (Map.Entry<Object, Node> e : n.children.entrySet()) {
                leafs(e.getKey(), e.getValue(), p, target);
            }
        }
    }

    private static Type keyType(Object k) {
        return k instanceof Value v ? Types.ofConstant(v) : null;
    }

    private static ObjectType insertIntoObject(ObjectType o, List<Object> path, Type t) {
        if (path.isEmpty()) {
            return o;
        }
        Type key = keyType(path.get(0));
        Type value = path.size() == 1 ? t : insertIntoObject(new ObjectType(List.of(), null, null), path.subList(1, path.size()), t);
        if (o.hasDynamic()) {
            return new ObjectType(o.statics(), Types.or(o.dynamicKey(), key), Types.or(o.dynamicValue(), value));
        }
        return new ObjectType(o.statics(), key, value);
    }

    /** OPA's mergeTypes: sets union their elements, dynamic-only objects merge key and value types. */
    static Type mergeTypes(Type a, Type b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a instanceof ObjectType oa) {
            if (b instanceof ObjectType ob && oa.statics().isEmpty() && ob.statics().isEmpty()) {
                return new ObjectType(List.of(), Types.or(oa.dynamicKey(), ob.dynamicKey()),
                        mergeTypes(oa.dynamicValue(), ob.dynamicValue()));
            } else if (b instanceof Type.AnyType any && oa.statics().isEmpty()) {
                List<Type> members = new ArrayList<>(any.of());
                for (int i = 0; i < members.size(); i++) {
                    if (members.get(i) instanceof ObjectType to && to.statics().isEmpty()) {
                        members.set(i, new ObjectType(List.of(), Types.or(to.dynamicKey(), oa.dynamicKey()),
                                Types.or(to.dynamicValue(), oa.dynamicValue())));
                        return new Type.AnyType(members);
                    }
                }
            }
        } else if (a instanceof Type.SetType sa && b instanceof Type.SetType sb) {
            return new Type.SetType(Types.or(sa.of(), sb.of()));
        } else if (a instanceof Type.AnyType && !(b instanceof Type.AnyType)) {
            return mergeTypes(b, a);
        }
        return Types.or(a, b);
    }
}
