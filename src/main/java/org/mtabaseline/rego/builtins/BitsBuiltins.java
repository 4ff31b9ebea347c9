package org.mtabaseline.rego.builtins;

import java.math.BigInteger;
import java.util.List;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.Value;

/** {@code bits.and or xor negate lsh rsh} on integers of any size (two's complement, as Go's big.Int). */
public final class BitsBuiltins {
    private BitsBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("bits.and", 2, (ctx, a) -> NumberValue.of(i(a, 0).and(i(a, 1))));
        r.register("bits.or", 2, (ctx, a) -> NumberValue.of(i(a, 0).or(i(a, 1))));
        r.register("bits.xor", 2, (ctx, a) -> NumberValue.of(i(a, 0).xor(i(a, 1))));
        r.register("bits.negate", 1, (ctx, a) -> NumberValue.of(i(a, 0).not()));
        r.register("bits.lsh", 2, (ctx, a) -> NumberValue.of(i(a, 0).shiftLeft(shift(a))));
        r.register("bits.rsh", 2, (ctx, a) -> NumberValue.of(i(a, 0).shiftRight(shift(a))));
    }

    private static BigInteger i(List<Value> a, int idx) {
        return NumberBuiltins.bigInteger(a, idx);
    }

    private static int shift(List<Value> a) {
        BigInteger s = i(a, 1);
        if (s.signum() < 0) {
            throw BuiltinException.typeError("operand 2 must be an unsigned integer number but got a negative integer");
        }
        if (s.bitLength() > 20) {
            throw BuiltinException.error("shift too large");
        }
        return s.intValue();
    }
}
