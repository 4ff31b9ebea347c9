package org.mtabaseline.rego.builtins;

import java.util.ArrayList;
import java.util.List;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/** Operand readers shared by the families beyond {@link Args}, with OPA's element error texts. */
final class Operands {
    private Operands() {
    }

    /** OPA's NewOperandElementErr: "operand 1 must be array of strings but got array containing number". */
    static BuiltinException elementError(int i, Value composite, Value got, String expected) {
        String tpe = composite.typeName();
        return BuiltinException.typeError("operand " + (i + 1) + " must be " + tpe + " of " + expected + "s but got "
                + tpe + " containing " + got.typeName());
    }

    /** The strings of an array or set operand (OPA's StringSliceOperand). */
    static List<String> strings(List<Value> a, int i) {
        Value v = a.get(i);
        List<Value> elems;
        if (v instanceof ArrayValue arr) {
            elems = arr.list();
        } else if (v instanceof SetValue set) {
            elems = set.list();
        } else {
            throw Args.mustBeOneOf(i, v, "array", "set");
        }
        List<String> out = new ArrayList<>(elems.size());
        for (Value e : elems) {
            if (!(e instanceof StringValue s)) {
                throw elementError(i, v, e, "string");
            }
            out.add(s.value());
        }
        return out;
    }

    static StringValue str(String s) {
        return StringValue.of(s);
    }
}
