package org.mtabaseline.rego.builtins;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.mtabaseline.rego.builtins.support.GoTime;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.NullValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/**
 * {@code time.*} with Go's time package semantics: nanoseconds since the epoch in int64, Go layouts,
 * IANA time zones given as {@code [ns, "Zone"]} or {@code [ns, "Zone", "layout"]}.
 */
public final class TimeBuiltins {
    /** test.sleep never blocks an evaluation longer than this. */
    private static final long MAX_SLEEP_MS = 1_000L;

    private TimeBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("time.now_ns", 0, (ctx, a) -> NumberValue.of(ctx.nowNanos()));
        r.register("test.sleep", 1, (ctx, a) -> {
            long ns = GoTimeDuration.of(Args.string(a, 0));
            try {
                Thread.sleep(Math.min(ns / 1_000_000L, MAX_SLEEP_MS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return NullValue.NULL;
        });
        r.register("time.parse_ns", 2, (ctx, a) -> {
            String layout = Args.string(a, 0);
            String value = Args.string(a, 1);
            layout = GoTime.NAMED_LAYOUTS.getOrDefault(layout, layout);
            return nanos(guard(layout, value));
        });
        r.register("time.parse_rfc3339_ns", 1, (ctx, a) -> nanos(guard(GoTime.RFC3339, Args.string(a, 0))));
        r.register("time.parse_duration_ns", 1,
                (ctx, a) -> NumberValue.of(GoTimeDuration.of(Args.string(a, 0), true)));
        r.register("time.format", 1, (ctx, a) -> {
            ZonedTime t = zoned(a.get(0));
            String layout = t.layout == null || t.layout.isEmpty() ? GoTime.RFC3339_NANO
                    : GoTime.NAMED_LAYOUTS.getOrDefault(t.layout, t.layout);
            return StringValue.of(GoTime.format(t.time, layout));
        });
        r.register("time.date", 1, (ctx, a) -> {
            ZonedDateTime t = zoned(a.get(0)).time;
            return ArrayValue.of(NumberValue.of(t.getYear()), NumberValue.of(t.getMonthValue()),
                    NumberValue.of(t.getDayOfMonth()));
        });
        r.register("time.clock", 1, (ctx, a) -> {
            ZonedDateTime t = zoned(a.get(0)).time;
            return ArrayValue.of(NumberValue.of(t.getHour()), NumberValue.of(t.getMinute()),
                    NumberValue.of(t.getSecond()));
        });
        r.register("time.weekday", 1, (ctx, a) -> StringValue.of(GoTime.weekday(zoned(a.get(0)).time)));
        r.register("time.add_date", 4, (ctx, a) -> {
            ZonedDateTime t = zoned(a.get(0)).time;
            long years = Args.integer(a, 1);
            long months = Args.integer(a, 2);
            long days = Args.integer(a, 3);
            ZonedDateTime result;
            try {
                result = GoTime.addDate(t, years, months, days);
            } catch (java.time.DateTimeException | ArithmeticException e) {
                throw BuiltinException.error("time outside of valid range");
            }
            return nanos(result.toInstant());
        });
        r.register("time.diff", 2, (ctx, a) -> {
            ZonedDateTime t1 = zoned(a.get(0)).time;
            ZonedDateTime t2 = zoned(a.get(1)).time;
            long[] d = GoTime.diff(t1, t2);
            return ArrayValue.of(NumberValue.of(d[0]), NumberValue.of(d[1]), NumberValue.of(d[2]),
                    NumberValue.of(d[3]), NumberValue.of(d[4]), NumberValue.of(d[5]));
        });
    }

    /** Go duration text to nanoseconds, failing as eval_builtin_error. */
    private static final class GoTimeDuration {
        static long of(String d) {
            return of(d, false);
        }

        static long of(String d, boolean calendarUnits) {
            try {
                return GoTime.parseDuration(d, calendarUnits);
            } catch (GoTime.GoTimeException e) {
                throw BuiltinException.error(e.getMessage());
            }
        }
    }

    private static Instant guard(String layout, String value) {
        try {
            return GoTime.parse(layout, value);
        } catch (GoTime.GoTimeException e) {
            throw BuiltinException.error(e.getMessage());
        } catch (java.time.DateTimeException e) {
            throw BuiltinException.error("parsing time \"" + value + "\": " + e.getMessage());
        }
    }

    private static NumberValue nanos(Instant t) {
        try {
            return NumberValue.of(GoTime.toUnixNanos(t));
        } catch (GoTime.GoTimeException e) {
            throw BuiltinException.error(e.getMessage());
        }
    }

    private record ZonedTime(ZonedDateTime time, String layout) {
    }

    /** OPA's tzTime: a number of ns, or [ns], [ns, zone] or [ns, zone, layout]. */
    private static ZonedTime zoned(Value v) {
        Value n;
        ZoneId zone = ZoneOffset.UTC;
        String layout = null;
        String expected = "either number (ns) or [number (ns), string (tz)]";
        if (v instanceof ArrayValue arr) {
            if (arr.size() == 0) {
                throw BuiltinException.typeError("operand 1 must be " + expected + " but got array");
            }
            n = arr.get(0);
            if (!(n instanceof NumberValue)) {
                throw Args.mustBe(0, "number", n);
            }
            if (arr.size() > 1) {
                if (!(arr.get(1) instanceof StringValue tz)) {
                    throw Args.mustBe(0, "string", arr.get(1));
                }
                try {
                    zone = GoTime.zone(tz.value());
                } catch (GoTime.GoTimeException e) {
                    throw BuiltinException.error(e.getMessage());
                }
            }
            if (arr.size() > 2) {
                if (!(arr.get(2) instanceof StringValue l)) {
                    throw Args.mustBe(0, "string", arr.get(2));
                }
                layout = l.value();
            }
        } else if (v instanceof NumberValue) {
            n = v;
        } else {
            throw BuiltinException.typeError("operand 1 must be " + expected + " but got " + v.typeName());
        }
        BigDecimal d = ((NumberValue) n).decimal();
        long ns;
        try {
            ns = d.longValueExact();
        } catch (ArithmeticException e) {
            throw BuiltinException.error("timestamp too big");
        }
        return new ZonedTime(GoTime.fromUnixNanos(ns).atZone(zone), layout);
    }

}
