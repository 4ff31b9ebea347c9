package org.mtabaseline.rego.builtins;

import java.util.function.Predicate;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.NullValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/** {@code is_number is_string is_boolean is_array is_set is_object is_null type_name}. */
public final class TypeBuiltins {
    private TypeBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        is(r, "is_number", v -> v instanceof NumberValue);
        is(r, "is_string", v -> v instanceof StringValue);
        is(r, "is_boolean", v -> v instanceof BooleanValue);
        is(r, "is_array", v -> v instanceof ArrayValue);
        is(r, "is_set", v -> v instanceof SetValue);
        is(r, "is_object", v -> v instanceof ObjectValue);
        is(r, "is_null", v -> v instanceof NullValue);
        r.register("type_name", 1, (ctx, a) -> StringValue.of(a.get(0).typeName()));
    }

    private static void is(BuiltinRegistry r, String name, Predicate<Value> test) {
        r.register(name, 1, (ctx, a) -> BooleanValue.of(test.test(a.get(0))));
    }
}
