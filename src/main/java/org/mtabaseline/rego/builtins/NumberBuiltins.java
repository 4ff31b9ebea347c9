package org.mtabaseline.rego.builtins;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.Value;

/**
 * Arithmetic ({@code plus minus mul div rem}), {@code abs round ceil floor} and
 * {@code numbers.range}/{@code numbers.range_step}. Numbers stay exact: integers of any size and
 * decimals; only a division that does not come out even is rounded (OPA rounds it in a 64-bit
 * mantissa float, about 20 significant digits).
 */
public final class NumberBuiltins {
    /** Precision of an inexact quotient, close to Go's big.Float default of a 64-bit mantissa. */
    private static final MathContext QUOTIENT = new MathContext(20, RoundingMode.HALF_EVEN);
    /** numbers.range refuses ranges larger than this rather than exhausting memory. */
    private static final long MAX_RANGE = 100_000_000L;

    private NumberBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("plus", 2, (ctx, a) -> num(Args.decimal(a, 0).add(Args.decimal(a, 1))));
        r.register("minus", 2, NumberBuiltins::minus);
        r.register("mul", 2, (ctx, a) -> num(Args.decimal(a, 0).multiply(Args.decimal(a, 1))));
        r.register("div", 2, (ctx, a) -> divide(Args.decimal(a, 0), Args.decimal(a, 1)));
        r.register("rem", 2, (ctx, a) -> remainder(Args.number(a, 0), Args.number(a, 1)));
        r.register("abs", 1, (ctx, a) -> num(Args.decimal(a, 0).abs()));
        r.register("round", 1, (ctx, a) -> num(Args.decimal(a, 0).setScale(0, RoundingMode.HALF_UP)));
        r.register("ceil", 1, (ctx, a) -> num(Args.decimal(a, 0).setScale(0, RoundingMode.CEILING)));
        r.register("floor", 1, (ctx, a) -> num(Args.decimal(a, 0).setScale(0, RoundingMode.FLOOR)));
        r.register("numbers.range", 2, (ctx, a) -> range(bigInteger(a, 0), bigInteger(a, 1), BigInteger.ONE));
        r.register("numbers.range_step", 3, (ctx, a) -> {
            BigInteger from = bigInteger(a, 0);
            BigInteger to = bigInteger(a, 1);
            BigInteger step = bigInteger(a, 2);
            if (step.signum() <= 0) {
                throw BuiltinException.error("step must be a positive integer");
            }
            return range(from, to, step);
        });
    }

    static NumberValue num(BigDecimal d) {
        if (d.scale() > 0) {
            BigDecimal stripped = d.stripTrailingZeros();
            return NumberValue.of(stripped.scale() < 0 ? stripped.setScale(0) : stripped);
        }
        return NumberValue.of(d);
    }

    private static Value minus(BuiltinContext ctx, List<Value> a) {
        Value x = a.get(0);
        Value y = a.get(1);
        if (x instanceof NumberValue n1 && y instanceof NumberValue n2) {
            return num(n1.decimal().subtract(n2.decimal()));
        }
        if (x instanceof SetValue s1 && y instanceof SetValue s2) {
            return s1.difference(s2);
        }
        if (!(x instanceof NumberValue) && !(x instanceof SetValue)) {
            throw Args.mustBeOneOf(0, x, "number", "set");
        }
        if (x instanceof SetValue) {
            throw Args.mustBe(1, "set", y);
        }
        throw Args.mustBe(1, "number", y);
    }

    private static Value divide(BigDecimal x, BigDecimal y) {
        if (y.signum() == 0) {
            throw BuiltinException.error("divide by zero");
        }
        try {
            return num(x.divide(y));
        } catch (ArithmeticException nonTerminating) {
            return num(x.divide(y, QUOTIENT));
        }
    }

    private static Value remainder(NumberValue x, NumberValue y) {
        if (!x.isInteger() || !y.isInteger()) {
            throw BuiltinException.error("modulo on floating-point number");
        }
        if (y.bigInteger().signum() == 0) {
            throw BuiltinException.error("modulo by zero");
        }
        return NumberValue.of(x.bigInteger().remainder(y.bigInteger()));
    }

    /** An integer operand of any size (OPA: "operand N must be integer number but got floating-point number"). */
    static BigInteger bigInteger(List<Value> a, int i) {
        NumberValue n = Args.number(a, i);
        if (!n.isInteger()) {
            throw BuiltinException.typeError("operand " + (i + 1) + " must be integer number but got floating-point number");
        }
        return n.bigInteger();
    }

    private static Value range(BigInteger from, BigInteger to, BigInteger step) {
        BigInteger span = to.subtract(from).abs().divide(step);
        if (span.compareTo(BigInteger.valueOf(MAX_RANGE)) > 0) {
            throw BuiltinException.error("range too large");
        }
        List<Value> out = new ArrayList<>(span.intValue() + 1);
        if (from.compareTo(to) <= 0) {
            for (BigInteger i = from; i.compareTo(to) <= 0; i = i.add(step)) {
                out.add(NumberValue.of(i));
            }
        } else {
            for (BigInteger i = from; i.compareTo(to) >= 0; i = i.subtract(step)) {
                out.add(NumberValue.of(i));
            }
        }
        return ArrayValue.of(out);
    }
}
