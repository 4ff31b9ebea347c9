package org.mtabaseline.rego.builtins;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.NullValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/**
 * {@code to_number}: strings as Go's strconv.ParseFloat reads them, booleans as 0/1, null as 0. And OPA's
 * deprecated casts ({@code cast_array cast_set cast_string cast_boolean cast_null cast_object}), still callable
 * from Rego v0 modules: each checks the operand's type, {@code cast_array}/{@code cast_set} convert between
 * arrays and sets.
 */
public final class ConversionBuiltins {
    private static final Set<String> NOT_FINITE = Set.of("nan", "-nan", "+nan", "inf", "-inf", "+inf",
            "infinity", "-infinity", "+infinity");

    private ConversionBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("to_number", 1, (ctx, a) -> {
            Value v = a.get(0);
            if (v instanceof NullValue) {
                return NumberValue.ZERO;
            } else if (v instanceof BooleanValue b) {
                return b.value() ? NumberValue.ONE : NumberValue.ZERO;
            } else if (v instanceof NumberValue) {
                return v;
            } else if (v instanceof StringValue s) {
                return parse(s.value());
            }
            throw Args.mustBeOneOf(0, v, "null", "boolean", "number", "string");
        });
        r.register("cast_array", 1, (ctx, a) -> {
            Value v = a.get(0);
            if (v instanceof ArrayValue) {
                return v;
            } else if (v instanceof SetValue s) {
                return ArrayValue.of(s.list());
            }
            throw Args.mustBeOneOf(0, v, "array", "set");
        });
        r.register("cast_set", 1, (ctx, a) -> {
            Value v = a.get(0);
            if (v instanceof ArrayValue arr) {
                return SetValue.of(arr.list());
            } else if (v instanceof SetValue) {
                return v;
            }
            throw Args.mustBeOneOf(0, v, "array", "set");
        });
        r.register("cast_string", 1, (ctx, a) -> typed(a, StringValue.class, "string"));
        r.register("cast_boolean", 1, (ctx, a) -> typed(a, BooleanValue.class, "boolean"));
        r.register("cast_null", 1, (ctx, a) -> typed(a, NullValue.class, "null"));
        r.register("cast_object", 1, (ctx, a) -> typed(a, ObjectValue.class, "object"));
    }

    /** The operand itself when of the given type, else OPA's operand type error. */
    private static Value typed(List<Value> a, Class<? extends Value> type, String name) {
        if (type.isInstance(a.get(0))) {
            return a.get(0);
        }
        throw Args.mustBe(0, name, a.get(0));
    }

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX_FLOAT =
            Pattern.compile("[+-]?0[xX]([0-9a-fA-F_]+\\.?[0-9a-fA-F_]*|\\.[0-9a-fA-F_]+)([pP][+-]?\\d+)?");

    static NumberValue parse(String s) {
        if (NOT_FINITE.contains(s.toLowerCase(Locale.ROOT))) {
            throw BuiltinException.typeError("operand 1 must be valid number string but got string");
        }
        try {
            if (DECIMAL.matcher(s).matches()) {
                return NumberBuiltins.num(new BigDecimal(s.startsWith("+") ? s.substring(1) : s));
            }
            if (HEX_FLOAT.matcher(s).matches()) {
                String hex = s.replace("_", "");
                if (!hex.toLowerCase(Locale.ROOT).contains("p")) {
                    hex = hex + "p0";
                }
                return NumberValue.of(Double.parseDouble(hex));
            }
        } catch (NumberFormatException e) {
            // fall through to Go's error text
        }
        throw BuiltinException.error("strconv.ParseFloat: parsing " + quote(s) + ": invalid syntax");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
