package org.mtabaseline.rego.builtins;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.NullValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/** {@code to_number}: strings as Go's strconv.ParseFloat reads them, booleans as 0/1, null as 0. */
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
    }

    static NumberValue parse(String s) {
        if (NOT_FINITE.contains(s.toLowerCase(Locale.ROOT))) {
            throw BuiltinException.typeError("operand 1 must be valid number string but got string");
        }
        try {
            if (s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                return NumberBuiltins.num(new BigDecimal(s.startsWith("+") ? s.substring(1) : s));
            }
            if (s.matches("[+-]?0[xX]([0-9a-fA-F_]+\\.?[0-9a-fA-F_]*|\\.[0-9a-fA-F_]+)([pP][+-]?\\d+)?")) {
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
