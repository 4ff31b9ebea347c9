package org.mtabaseline.rego.value;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A Rego number, exact: integers of any size and decimals are held as {@link BigDecimal}, so
 * numbers beyond 2^53 keep every digit. Equality is numeric ({@code 1 == 1.0}).
 */
public final class NumberValue implements Value {
    private static final NumberValue[] SMALL = new NumberValue[1280];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = new NumberValue(BigDecimal.valueOf(i - 256));
        }
    }

    public static final NumberValue ZERO = of(0);
    public static final NumberValue ONE = of(1);

    private final BigDecimal value;
    private int hash;
    private boolean hashed;

    private NumberValue(BigDecimal value) {
        this.value = value;
    }

    public static NumberValue of(long v) {
        if (v >= -256 && v < SMALL.length - 256) {
            return SMALL[(int) v + 256];
        }
        return new NumberValue(BigDecimal.valueOf(v));
    }

    public static NumberValue of(BigInteger v) {
        if (v.bitLength() < 63) {
            return of(v.longValue());
        }
        return new NumberValue(new BigDecimal(v));
    }

    public static NumberValue of(BigDecimal v) {
        if (v.scale() == 0 && v.precision() < 5) {
            long l = v.longValue();
            if (l >= -256 && l < SMALL.length - 256) {
                return SMALL[(int) l + 256];
            }
        }
        return new NumberValue(v);
    }

    /** A number from a double; NaN and infinities are not Rego numbers. */
    public static NumberValue of(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new ArithmeticException("not a finite number: " + d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return of((long) d);
        }
        return new NumberValue(BigDecimal.valueOf(d));
    }

    /** Parses a Rego/JSON number literal. */
    public static NumberValue parse(String text) {
        return of(new BigDecimal(text));
    }

    public BigDecimal decimal() {
        return value;
    }

    /** True if the value has no fractional part. */
    public boolean isInteger() {
        return value.scale() <= 0 || value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    /** The value as a long if it is an integer in range, else null. */
    public Long asLong() {
        if (!isInteger()) {
            return null;
        }
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            try {
                return value.toBigIntegerExact().longValueExact();
            } catch (ArithmeticException e2) {
                return null;
            }
        }
    }

    /** The value as an array index: a non-negative int, or -1 for anything else. */
    public int index() {
        BigDecimal v = value;
        if (v.signum() < 0) {
            return -1;
        }
        if (v.scale() == 0 && v.precision() < 10) {
            return v.intValue();
        }
        Integer i = asInt();
        return i == null ? -1 : i;
    }

    /** The value as an int if it is an integer in range, else null. */
    public Integer asInt() {
        Long l = asLong();
        if (l == null || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            return null;
        }
        return l.intValue();
    }

    /** The integer value; only valid when {@link #isInteger()}. */
    public BigInteger bigInteger() {
        return value.toBigInteger();
    }

    public double doubleValue() {
        return value.doubleValue();
    }

    @Override
    public int typeRank() {
        return 2;
    }

    @Override
    public String typeName() {
        return "number";
    }

    @Override
    public int compareSameType(Value other) {
        return value.compareTo(((NumberValue) other).value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumberValue n && (n == this || value.compareTo(n.value) == 0);
    }

    @Override
    public int hashCode() {
        if (!hashed) {
            hash = value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
            hashed = true;
        }
        return hash;
    }

    /** The canonical text: integers without exponent or fraction, decimals in plain notation. */
    @Override
    public String toString() {
        if (isInteger()) {
            return value.toBigInteger().toString();
        }
        BigDecimal s = value.stripTrailingZeros();
        if (Math.abs(s.scale()) > 30) {
            // keep very large/small exponents short, as Go prints them
            return s.toString().replace("E+", "e+").replace("E-", "e-");
        }
        return s.toPlainString();
    }
}
