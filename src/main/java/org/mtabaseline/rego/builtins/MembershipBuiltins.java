package org.mtabaseline.rego.builtins;

import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.Value;

/** The {@code in} operator: {@code x in xs} (internal.member_2) and {@code k, v in xs} (internal.member_3). */
public final class MembershipBuiltins {
    private MembershipBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("internal.member_2", 2, (ctx, a) -> BooleanValue.of(member(a.get(0), a.get(1))));
        r.register("internal.member_3", 3, (ctx, a) -> BooleanValue.of(member(a.get(0), a.get(1), a.get(2))));
    }

    static boolean member(Value x, Value coll) {
        if (coll instanceof SetValue s) {
            return s.contains(x);
        }
        if (coll instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).equals(x)) {
                    return true;
                }
            }
            return false;
        }
        if (coll instanceof ObjectValue o) {
            for (int i = 0; i < o.size(); i++) {
                if (o.valueAt(i).equals(x)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean member(Value key, Value val, Value coll) {
        if (coll instanceof ArrayValue a) {
            Integer i = key instanceof org.mtabaseline.rego.value.NumberValue n ? n.asInt() : null;
            return i != null && i >= 0 && i < a.size() && a.get(i).equals(val);
        }
        if (coll instanceof ObjectValue o) {
            Value v = o.get(key);
            return v != null && v.equals(val);
        }
        if (coll instanceof SetValue s) {
            return key.equals(val) && s.contains(val);
        }
        return false;
    }
}
