package org.mtabaseline.rego.builtins;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/** {@code count sum product max min sort all any}. */
public final class AggregateBuiltins {
    private AggregateBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("count", 1, (ctx, a) -> {
            Value v = a.get(0);
            if (v instanceof ArrayValue x) {
                return NumberValue.of(x.size());
            } else if (v instanceof ObjectValue x) {
                return NumberValue.of(x.size());
            } else if (v instanceof SetValue x) {
                return NumberValue.of(x.size());
            } else if (v instanceof StringValue x) {
                return NumberValue.of(x.value().codePointCount(0, x.value().length()));
            }
            throw Args.mustBeOneOf(0, v, "array", "object", "set", "string");
        });
        r.register("sum", 1, (ctx, a) -> {
            BigDecimal total = BigDecimal.ZERO;
            for (Value v : collection(a, 0)) {
                total = total.add(number(a.get(0), v));
            }
            return NumberBuiltins.num(total);
        });
        r.register("product", 1, (ctx, a) -> {
            BigDecimal total = BigDecimal.ONE;
            for (Value v : collection(a, 0)) {
                total = total.multiply(number(a.get(0), v));
            }
            return NumberBuiltins.num(total);
        });
        r.register("max", 1, (ctx, a) -> {
            List<Value> c = collection(a, 0);
            return c.isEmpty() ? null : Collections.max(c);
        });
        r.register("min", 1, (ctx, a) -> {
            List<Value> c = collection(a, 0);
            return c.isEmpty() ? null : Collections.min(c);
        });
        r.register("sort", 1, (ctx, a) -> {
            List<Value> c = new ArrayList<>(collection(a, 0));
            Collections.sort(c);
            return ArrayValue.of(c);
        });
        r.register("all", 1, (ctx, a) -> {
            for (Value v : collection(a, 0)) {
                if (!BooleanValue.TRUE.equals(v)) {
                    return BooleanValue.FALSE;
                }
            }
            return BooleanValue.TRUE;
        });
        r.register("any", 1, (ctx, a) -> {
            for (Value v : collection(a, 0)) {
                if (BooleanValue.TRUE.equals(v)) {
                    return BooleanValue.TRUE;
                }
            }
            return BooleanValue.FALSE;
        });
    }

    /** The elements of an array or set operand. */
    static List<Value> collection(List<Value> a, int i) {
        Value v = a.get(i);
        if (v instanceof ArrayValue x) {
            return x.list();
        } else if (v instanceof SetValue x) {
            return x.list();
        }
        throw Args.mustBeOneOf(i, v, "set", "array");
    }

    private static BigDecimal number(Value collection, Value element) {
        if (element instanceof NumberValue n) {
            return n.decimal();
        }
        throw Operands.elementError(0, collection, element, "number");
    }
}
