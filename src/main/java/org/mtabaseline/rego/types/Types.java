package org.mtabaseline.rego.types;

import java.util.ArrayList;
import java.util.List;
import org.mtabaseline.rego.types.Type.AnyType;
import org.mtabaseline.rego.types.Type.ArrayType;
import org.mtabaseline.rego.types.Type.FunctionType;
import org.mtabaseline.rego.types.Type.ObjectType;
import org.mtabaseline.rego.types.Type.Property;
import org.mtabaseline.rego.types.Type.SetType;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.NullValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/** Operations on types with OPA's semantics (types.go): order, union, keys/values/select, printing. */
public final class Types {
    public static final SetType SET_OF_ANY = new SetType(Type.ANY);
    public static final ArrayType ARRAY_OF_ANY = new ArrayType(List.of(), Type.ANY);
    public static final ObjectType OBJECT_OF_ANY = new ObjectType(List.of(), Type.ANY, Type.ANY);

    private Types() {
    }

    /** "???" for an unknown type, as OPA prints nil. */
    public static String sprint(Type t) {
        return t == null ? "???" : t.toString();
    }

    static String join(List<Type> ts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ts.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(sprint(ts.get(i)));
        }
        return sb.toString();
    }

    /** A static key as OPA prints it ({@code %v} of the JSON value: strings bare). */
    static String keyText(Value k) {
        return k instanceof StringValue s ? s.value() : k.toString();
    }

    public static boolean isAny(Type t) {
        return t instanceof AnyType a && a.isAny();
    }

    // ------------------------------------------------------------------ order

    private static int order(Type t) {
        if (t == null) {
            return -1;
        }
        if (t instanceof Type.NullType) {
            return 0;
        }
        if (t instanceof Type.BooleanType) {
            return 1;
        }
        if (t instanceof Type.NumberType) {
            return 2;
        }
        if (t instanceof Type.StringType) {
            return 3;
        }
        if (t instanceof ArrayType) {
            return 4;
        }
        if (t instanceof ObjectType) {
            return 5;
        }
        if (t instanceof SetType) {
            return 6;
        }
        return t instanceof AnyType ? 7 : 8;
    }

    public static int compare(Type a, Type b) {
        int x = order(a);
        int y = order(b);
        if (x != y) {
            return Integer.compare(x, y);
        }
        if (a instanceof ArrayType aa) {
            ArrayType bb = (ArrayType) b;
            if (aa.dynamic() != null && bb.dynamic() == null) {
                return 1;
            } else if (bb.dynamic() != null && aa.dynamic() == null) {
                return -1;
            }
            if (aa.dynamic() != null) {
                int c = compare(aa.dynamic(), bb.dynamic());
                if (c != 0) {
                    return c;
                }
            }
            return compareLists(aa.statics(), bb.statics());
        }
        if (a instanceof ObjectType oa) {
            ObjectType ob = (ObjectType) b;
            if (oa.hasDynamic() && !ob.hasDynamic()) {
                return 1;
            } else if (ob.hasDynamic() && !oa.hasDynamic()) {
                return -1;
            }
            if (oa.hasDynamic()) {
                int c = compare(oa.dynamicKey(), ob.dynamicKey());
                if (c != 0) {
                    return c;
                }
                c = compare(oa.dynamicValue(), ob.dynamicValue());
                if (c != 0) {
                    return c;
                }
            }
            int n = Math.min(oa.statics().size(), ob.statics().size());
            for (int i = 0; i < n; i++) {
                int c = oa.statics().get(i).key().compareTo(ob.statics().get(i).key());
                if (c != 0) {
                    return c;
                }
                c = compare(oa.statics().get(i).value(), ob.statics().get(i).value());
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(oa.statics().size(), ob.statics().size());
        }
        if (a instanceof SetType sa) {
            return compare(sa.of(), ((SetType) b).of());
        }
        if (a instanceof AnyType aa) {
            return compareLists(aa.of(), ((AnyType) b).of());
        }
        if (a instanceof FunctionType fa) {
            FunctionType fb = (FunctionType) b;
            if (fa.args().size() != fb.args().size()) {
                return Integer.compare(fa.args().size(), fb.args().size());
            }
            for (int i = 0; i < fa.args().size(); i++) {
                int c = compare(fa.args().get(i), fb.args().get(i));
                if (c != 0) {
                    return c;
                }
            }
            int c = compare(fa.result(), fb.result());
            return c != 0 ? c : compare(fa.variadic(), fb.variadic());
        }
        return 0;
    }

    private static int compareLists(List<Type> a, List<Type> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    // ------------------------------------------------------------------ unions

    /** A sorted union of the given types (no merging of duplicates, as OPA's NewAny). */
    public static AnyType any(Type... of) {
        List<Type> l = new ArrayList<>(List.of(of));
        l.sort(Types::compare);
        return new AnyType(l);
    }

    /** True if a is a superset of, or equal to, b. */
    public static boolean contains(Type a, Type b) {
        if (a instanceof AnyType any) {
            return anyContains(any, b);
        }
        return compare(a, b) == 0;
    }

    private static boolean anyContains(AnyType a, Type other) {
        if (other instanceof FunctionType) {
            return false;
        }
        for (Type t : a.of()) {
            if (compare(t, other) == 0) {
                return true;
            }
        }
        return a.of().isEmpty();
    }

    private static AnyType merge(AnyType a, Type other) {
        if (other instanceof AnyType o) {
            return union(a, o);
        }
        if (anyContains(a, other)) {
            return a;
        }
        List<Type> l = new ArrayList<>(a.of());
        int i = 0;
        while (i < l.size() && compare(l.get(i), other) < 0) {
            i++;
        }
        l.add(i, other);
        return new AnyType(l);
    }

    private static AnyType union(AnyType a, AnyType b) {
        if (a.of().isEmpty()) {
            return a;
        }
        if (b.of().isEmpty()) {
            return b;
        }
        List<Type> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.of().size() || j < b.of().size()) {
            if (i == a.of().size()) {
                out.addAll(b.of().subList(j, b.of().size()));
                break;
            }
            if (j == b.of().size()) {
                out.addAll(a.of().subList(i, a.of().size()));
                break;
            }
            int c = compare(a.of().get(i), b.of().get(j));
            if (c < 0) {
                out.add(a.of().get(i++));
            } else if (c == 0) {
                out.add(a.of().get(i++));
                j++;
            } else {
                out.add(b.of().get(j++));
            }
        }
        return new AnyType(out);
    }

    /** The union of a and b; if one contains the other, that one (OPA's types.Or). */
    public static Type or(Type a, Type b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a instanceof FunctionType fa && b instanceof FunctionType fb) {
            return functionUnion(fa, fb);
        } else if (a instanceof FunctionType || b instanceof FunctionType) {
            return null;
        }
        if (a instanceof AnyType aa) {
            return merge(aa, b);
        }
        if (b instanceof AnyType ab) {
            return merge(ab, a);
        }
        if (compare(a, b) == 0) {
            return a;
        }
        return any(a, b);
    }

    private static FunctionType functionUnion(FunctionType a, FunctionType b) {
        if (a.arity() != b.arity() || (a.variadic() == null) != (b.variadic() == null)) {
            return null;
        }
        List<Type> args = new ArrayList<>();
        for (int i = 0; i < a.arity(); i++) {
            args.add(or(a.args().get(i), b.args().get(i)));
        }
        return new FunctionType(args, or(a.result(), b.result()), or(a.variadic(), b.variadic()), null, null);
    }

    // ------------------------------------------------------------------ structure

    /** The type of keys that enumerate t: numbers for arrays, key types for objects, elements for sets. */
    public static Type keys(Type t) {
        if (t instanceof ArrayType) {
            return Type.NUMBER;
        }
        if (t instanceof ObjectType o) {
            Type out = null;
            for (Property p : o.statics()) {
                out = or(out, typeOf(p.key()));
            }
            if (o.hasDynamic()) {
                out = or(out, o.dynamicKey());
            }
            return out;
        }
        if (t instanceof SetType s) {
            return s.of();
        }
        if (t instanceof AnyType a) {
            if (a.isAny()) {
                return Type.ANY;
            }
            Type out = null;
            for (Type x : a.of()) {
                out = or(keys(x), out);
            }
            return out;
        }
        return null;
    }

    /** The type of values t enumerates. */
    public static Type values(Type t) {
        if (t instanceof ArrayType a) {
            Type out = null;
            for (Type x : a.statics()) {
                out = or(out, x);
            }
            return or(out, a.dynamic());
        }
        if (t instanceof ObjectType o) {
            Type out = null;
            for (Property p : o.statics()) {
                out = or(out, p.value());
            }
            if (o.hasDynamic()) {
                out = or(out, o.dynamicValue());
            }
            return out;
        }
        if (t instanceof SetType s) {
            return s.of();
        }
        if (t instanceof AnyType a) {
            if (a.isAny()) {
                return Type.ANY;
            }
            Type out = null;
            for (Type x : a.of()) {
                out = or(values(x), out);
            }
            return out;
        }
        return null;
    }

    /** The type of t[key] for a constant key, or null. */
    public static Type select(Type t, Value key) {
        if (t instanceof ArrayType a) {
            if (key instanceof NumberValue n) {
                Long l = n.isInteger() ? n.asLong() : null;
                return l == null || l > Integer.MAX_VALUE ? null : a.select(l.intValue());
            }
            return null;
        }
        if (t instanceof ObjectType o) {
            return o.select(key);
        }
        if (t instanceof SetType s) {
            Type kt = typeOf(key);
            if (compare(s.of(), kt) == 0) {
                return s.of();
            }
            if (s.of() instanceof AnyType any && anyContains(any, kt)) {
                return kt;
            }
            return null;
        }
        if (t instanceof AnyType a) {
            if (a.isAny()) {
                return Type.ANY;
            }
            Type out = null;
            for (Type x : a.of()) {
                out = or(select(x, key), out);
            }
            return out;
        }
        return null;
    }

    /** True if t is unknown, or contains an unknown part (OPA's types.Nil). */
    public static boolean isNil(Type t) {
        if (t == null) {
            return true;
        }
        if (t instanceof FunctionType f) {
            for (Type a : f.args()) {
                if (isNil(a)) {
                    return true;
                }
            }
            return isNil(f.result());
        }
        if (t instanceof ArrayType a) {
            for (Type x : a.statics()) {
                if (isNil(x)) {
                    return true;
                }
            }
            return a.dynamic() != null && isNil(a.dynamic());
        }
        if (t instanceof ObjectType o) {
            for (Property p : o.statics()) {
                if (isNil(p.value())) {
                    return true;
                }
            }
            return o.hasDynamic() && (isNil(o.dynamicKey()) || isNil(o.dynamicValue()));
        }
        if (t instanceof SetType s) {
            return isNil(s.of());
        }
        return false;
    }

    /**
     * The type of a constant value, as OPA's TypeOf on its JSON form: composites get static parts
     * (a set, whose JSON is an array, gets an array type).
     */
    public static Type typeOf(Value v) {
        if (v instanceof NullValue) {
            return Type.NULL;
        }
        if (v instanceof BooleanValue) {
            return Type.BOOLEAN;
        }
        if (v instanceof NumberValue) {
            return Type.NUMBER;
        }
        if (v instanceof StringValue) {
            return Type.STRING;
        }
        if (v instanceof ArrayValue a) {
            List<Type> st = new ArrayList<>(a.size());
            for (Value x : a.list()) {
                st.add(typeOf(x));
            }
            return new ArrayType(st, null);
        }
        if (v instanceof SetValue s) {
            List<Type> st = new ArrayList<>(s.size());
            for (Value x : s.list()) {
                st.add(typeOf(x));
            }
            return new ArrayType(st, null);
        }
        ObjectValue o = (ObjectValue) v;
        List<Property> props = new ArrayList<>(o.size());
        for (int i = 0; i < o.size(); i++) {
            props.add(new Property(o.keyAt(i), typeOf(o.valueAt(i))));
        }
        return new ObjectType(props, null, null);
    }

    /**
     * The type of a constant term, as OPA's TypeEnv.GetByValue: arrays and objects get static parts (an
     * empty one is dynamic any), a set the union of its element types.
     */
    public static Type ofConstant(Value v) {
        if (v instanceof ArrayValue a) {
            if (a.size() == 0) {
                return ARRAY_OF_ANY;
            }
            List<Type> st = new ArrayList<>(a.size());
            for (Value x : a.list()) {
                st.add(ofConstant(x));
            }
            return new ArrayType(st, null);
        }
        if (v instanceof SetValue s) {
            Type of = null;
            for (Value x : s.list()) {
                of = or(of, ofConstant(x));
            }
            return new SetType(of == null ? Type.ANY : of);
        }
        if (v instanceof ObjectValue o) {
            if (o.size() == 0) {
                return OBJECT_OF_ANY;
            }
            List<Property> props = new ArrayList<>(o.size());
            for (int i = 0; i < o.size(); i++) {
                props.add(new Property(o.keyAt(i), ofConstant(o.valueAt(i))));
            }
            return new ObjectType(props, null, null);
        }
        return typeOf(v);
    }

    // ------------------------------------------------------------------ unification of types

    /** True if a value of type a may also be of type b (OPA's unifies in check.go). */
    public static boolean unifies(Type a, Type b) {
        if (a == null || b == null) {
            return false;
        }
        boolean anyA = a instanceof AnyType;
        boolean anyB = b instanceof AnyType;
        if (anyA && unifiesAny((AnyType) a, b)) {
            return true;
        }
        if (anyB && unifiesAny((AnyType) b, a)) {
            return true;
        }
        if (anyA || anyB) {
            return false;
        }
        if (a instanceof ArrayType aa) {
            return b instanceof ArrayType bb && unifiesArrays(aa, bb);
        }
        if (a instanceof ObjectType oa) {
            return b instanceof ObjectType ob && unifiesObjects(oa, ob);
        }
        if (a instanceof SetType sa) {
            return b instanceof SetType sb && unifies(values(sa), values(sb));
        }
        if (a instanceof FunctionType fa) {
            if (!(b instanceof FunctionType fb) || fa.arity() != fb.arity()) {
                return false;
            }
            for (int i = 0; i < fa.arity(); i++) {
                if (!unifies(fa.arg(i), fb.arg(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.getClass() == b.getClass();
    }

    private static boolean unifiesAny(AnyType a, Type b) {
        if (b instanceof FunctionType) {
            return false;
        }
        List<Type> of = a.of();
        for (int i = 0; i < of.size(); i++) {
            if (unifies(of.get(i), b)) {
                return true;
            }
        }
        return of.isEmpty();
    }

    private static boolean unifiesArrays(ArrayType a, ArrayType b) {
        return unifiesArraysStatic(a, b) && unifiesArraysStatic(b, a)
                && (a.dynamic() == null || b.dynamic() == null || unifies(a.dynamic(), b.dynamic()));
    }

    private static boolean unifiesArraysStatic(ArrayType a, ArrayType b) {
        for (int i = 0; i < a.statics().size(); i++) {
            if (!unifies(a.select(i), b.select(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean unifiesObjects(ObjectType a, ObjectType b) {
        return unifiesObjectsStatic(a, b) && unifiesObjectsStatic(b, a)
                && (a.dynamicValue() == null || b.dynamicValue() == null || unifies(a.dynamicValue(), b.dynamicValue()));
    }

    private static boolean unifiesObjectsStatic(ObjectType a, ObjectType b) {
        for (Property p : a.statics()) {
            if (!unifies(a.select(p.key()), b.select(p.key()))) {
                return false;
            }
        }
        return true;
    }
}
