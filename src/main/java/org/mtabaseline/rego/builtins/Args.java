package org.mtabaseline.rego.builtins;

import java.math.BigDecimal;
import java.util.List;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/** Reads builtin operands, failing with OPA's eval_type_error texts ({@code operand 1 must be string but got number}). */
public final class Args {
    private Args() {
    }

    public static String string(List<Value> args, int i) {
        if (args.get(i) instanceof StringValue s) {
            return s.value();
        }
        throw mustBe(i, "string", args.get(i));
    }

    public static NumberValue number(List<Value> args, int i) {
        if (args.get(i) instanceof NumberValue n) {
            return n;
        }
        throw mustBe(i, "number", args.get(i));
    }

    public static BigDecimal decimal(List<Value> args, int i) {
        return number(args, i).decimal();
    }

    /** An integral number operand (OPA: "operand 3 must be integer number but got floating-point number"). */
    public static long integer(List<Value> args, int i) {
        NumberValue n = number(args, i);
        Long l = n.asLong();
        if (l == null) {
            if (!n.isInteger()) {
                throw BuiltinException.typeError("operand " + (i + 1) + " must be integer number but got floating-point number");
            }
            throw BuiltinException.error("operand " + (i + 1) + " is out of range");
        }
        return l;
    }

    public static boolean bool(List<Value> args, int i) {
        if (args.get(i) instanceof BooleanValue b) {
            return b.value();
        }
        throw mustBe(i, "boolean", args.get(i));
    }

    public static ArrayValue array(List<Value> args, int i) {
        if (args.get(i) instanceof ArrayValue a) {
            return a;
        }
        throw mustBe(i, "array", args.get(i));
    }

    public static ObjectValue object(List<Value> args, int i) {
        if (args.get(i) instanceof ObjectValue o) {
            return o;
        }
        throw mustBe(i, "object", args.get(i));
    }

    public static SetValue set(List<Value> args, int i) {
        if (args.get(i) instanceof SetValue s) {
            return s;
        }
        throw mustBe(i, "set", args.get(i));
    }

    /** "operand N must be T but got U" as eval_type_error; index i is 0-based. */
    public static BuiltinException mustBe(int i, String expected, Value got) {
        return BuiltinException.typeError("operand " + (i + 1) + " must be " + expected + " but got " + got.typeName());
    }

    /** "operand N must be one of {a, b} but got U" as eval_type_error; index i is 0-based. */
    public static BuiltinException mustBeOneOf(int i, Value got, String... expected) {
        return BuiltinException.typeError("operand " + (i + 1) + " must be one of {" + String.join(", ", expected)
                + "} but got " + got.typeName());
    }
}
