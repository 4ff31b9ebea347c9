package org.mtabaseline.rego.builtins;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.mtabaseline.rego.builtins.support.GoFormat;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/**
 * String builtins with Go's semantics: indexes and lengths count Unicode code points, {@code trim}
 * takes a cutset, {@code replace} and {@code strings.replace_n} follow Go's strings.Replacer
 * (leftmost, first pattern in key order), {@code sprintf} follows Go's fmt.
 */
public final class StringBuiltins {
    private StringBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("concat", 2, (ctx, a) -> {
            String sep = Args.string(a, 0);
            Value v = a.get(1);
            if (!(v instanceof ArrayValue) && !(v instanceof SetValue)) {
                throw Args.mustBeOneOf(1, v, "set", "array");
            }
            return StringValue.of(String.join(sep, Operands.strings(a, 1)));
        });
        r.register("contains", 2, (ctx, a) -> BooleanValue.of(Args.string(a, 0).contains(Args.string(a, 1))));
        r.register("startswith", 2, (ctx, a) -> BooleanValue.of(Args.string(a, 0).startsWith(Args.string(a, 1))));
        r.register("endswith", 2, (ctx, a) -> BooleanValue.of(Args.string(a, 0).endsWith(Args.string(a, 1))));
        r.register("lower", 1, (ctx, a) -> StringValue.of(Args.string(a, 0).toLowerCase(java.util.Locale.ROOT)));
        r.register("upper", 1, (ctx, a) -> StringValue.of(Args.string(a, 0).toUpperCase(java.util.Locale.ROOT)));
        r.register("split", 2, (ctx, a) -> strings(split(Args.string(a, 0), Args.string(a, 1), -1)));
        r.register("strings.split_n", 3, (ctx, a) -> {
            String s = Args.string(a, 0);
            String sep = Args.string(a, 1);
            long n = Args.integer(a, 2);
            List<String> parts = split(s, sep, -1);
            if (n == 0) {
                return ArrayValue.EMPTY;
            }
            if (n > 0) {
                return strings(parts.subList(0, (int) Math.min(n, parts.size())));
            }
            int from = (int) Math.max(0, parts.size() + n);
            return strings(parts.subList(from, parts.size()));
        });
        r.register("replace", 3, (ctx, a) -> StringValue.of(
                replace(Args.string(a, 0), List.of(Args.string(a, 1)), List.of(Args.string(a, 2)))));
        r.register("strings.replace_n", 2, (ctx, a) -> {
            ObjectValue patterns = Args.object(a, 0);
            List<String> olds = new ArrayList<>();
            List<String> news = new ArrayList<>();
            for (int i = 0; i < patterns.size(); i++) {
                if (!(patterns.keyAt(i) instanceof StringValue k)) {
                    throw BuiltinException.typeError("operand 1 non-string key found in pattern object");
                }
                if (!(patterns.valueAt(i) instanceof StringValue v)) {
                    throw BuiltinException.typeError("operand 1 non-string value found in pattern object");
                }
                olds.add(k.value());
                news.add(v.value());
            }
            return StringValue.of(replace(Args.string(a, 1), olds, news));
        });
        r.register("trim", 2, (ctx, a) -> {
            String cut = Args.string(a, 1);
            return StringValue.of(trimRight(trimLeft(Args.string(a, 0), cut), cut));
        });
        r.register("trim_left", 2, (ctx, a) -> StringValue.of(trimLeft(Args.string(a, 0), Args.string(a, 1))));
        r.register("trim_right", 2, (ctx, a) -> StringValue.of(trimRight(Args.string(a, 0), Args.string(a, 1))));
        r.register("trim_prefix", 2, (ctx, a) -> {
            String s = Args.string(a, 0);
            String p = Args.string(a, 1);
            return StringValue.of(s.startsWith(p) ? s.substring(p.length()) : s);
        });
        r.register("trim_suffix", 2, (ctx, a) -> {
            String s = Args.string(a, 0);
            String p = Args.string(a, 1);
            return StringValue.of(s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s);
        });
        r.register("trim_space", 1, (ctx, a) -> StringValue.of(trimSpace(Args.string(a, 0))));
        r.register("strings.reverse", 1, (ctx, a) -> {
            int[] cps = Args.string(a, 0).codePoints().toArray();
            StringBuilder b = new StringBuilder();
            for (int i = cps.length - 1; i >= 0; i--) {
                b.appendCodePoint(cps[i]);
            }
            return StringValue.of(b.toString());
        });
        r.register("strings.count", 2, (ctx, a) -> {
            String s = Args.string(a, 0);
            String sub = Args.string(a, 1);
            if (sub.isEmpty()) {
                return NumberValue.of(s.codePointCount(0, s.length()) + 1L);
            }
            int count = 0;
            for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
                count++;
            }
            return NumberValue.of(count);
        });
        r.register("strings.any_prefix_match", 2, (ctx, a) -> {
            List<String> strs = stringOrSlice(a, 0);
            List<String> prefixes = stringOrSlice(a, 1);
            return BooleanValue.of(strs.stream().anyMatch(s -> prefixes.stream().anyMatch(s::startsWith)));
        });
        r.register("strings.any_suffix_match", 2, (ctx, a) -> {
            List<String> strs = stringOrSlice(a, 0);
            List<String> suffixes = stringOrSlice(a, 1);
            return BooleanValue.of(strs.stream().anyMatch(s -> suffixes.stream().anyMatch(s::endsWith)));
        });
        r.register("indexof", 2, (ctx, a) -> {
            String s = Args.string(a, 0);
            String search = Args.string(a, 1);
            if (search.isEmpty()) {
                throw BuiltinException.error("empty search character");
            }
            int i = s.indexOf(search);
            return NumberValue.of(i < 0 ? -1 : s.codePointCount(0, i));
        });
        r.register("indexof_n", 2, (ctx, a) -> {
            String s = Args.string(a, 0);
            String search = Args.string(a, 1);
            if (search.isEmpty()) {
                throw BuiltinException.error("empty search character");
            }
            List<Value> out = new ArrayList<>();
            for (int i = s.indexOf(search); i >= 0; i = s.indexOf(search, s.offsetByCodePoints(i, 1))) {
                out.add(NumberValue.of(s.codePointCount(0, i)));
            }
            return ArrayValue.of(out);
        });
        r.register("substring", 3, (ctx, a) -> {
            String s = Args.string(a, 0);
            long start = Args.integer(a, 1);
            long length = Args.integer(a, 2);
            if (start < 0) {
                throw BuiltinException.error("negative offset");
            }
            int runes = s.codePointCount(0, s.length());
            if (start >= runes) {
                return StringValue.EMPTY;
            }
            int from = s.offsetByCodePoints(0, (int) start);
            if (length < 0 || start + length >= runes) {
                return StringValue.of(s.substring(from));
            }
            return StringValue.of(s.substring(from, s.offsetByCodePoints(from, (int) length)));
        });
        r.register("format_int", 2, (ctx, a) -> {
            NumberValue n = Args.number(a, 0);
            Args.number(a, 1);
            int base = switch (a.get(1).toString()) {
                case "2" -> 2;
                case "8" -> 8;
                case "10" -> 10;
                case "16" -> 16;
                default -> throw BuiltinException.typeError("operand 2 must be one of {2, 8, 10, 16}");
            };
            BigInteger i = n.decimal().setScale(0, RoundingMode.DOWN).toBigInteger();
            return StringValue.of(i.toString(base));
        });
        r.register("sprintf", 2, (ctx, a) -> {
            String format = Args.string(a, 0);
            ArrayValue args = Args.array(a, 1);
            List<Object> goArgs = new ArrayList<>(args.size());
            for (Value v : args.list()) {
                goArgs.add(goArg(v));
            }
            return StringValue.of(GoFormat.sprintf(format, goArgs));
        });
    }

    private static ArrayValue strings(List<String> parts) {
        List<Value> out = new ArrayList<>(parts.size());
        for (String p : parts) {
            out.add(StringValue.of(p));
        }
        return ArrayValue.of(out);
    }

    private static List<String> stringOrSlice(List<Value> a, int i) {
        Value v = a.get(i);
        if (v instanceof StringValue s) {
            return List.of(s.value());
        }
        if (v instanceof ArrayValue || v instanceof SetValue) {
            return Operands.strings(a, i);
        }
        throw Args.mustBeOneOf(i, v, "string", "set", "array");
    }

    /** The Go value OPA hands to fmt.Sprintf for a Rego value: int, *big.Int, float64 or string. */
    static Object goArg(Value v) {
        if (v instanceof NumberValue n) {
            BigDecimal d = n.decimal();
            if (d.scale() == 0) {
                BigInteger i = d.toBigIntegerExact();
                return i.bitLength() < 64 ? (Object) i.longValue() : i;
            }
            double f = d.doubleValue();
            if (!Double.isInfinite(f)) {
                return f;
            }
            return d.stripTrailingZeros().toString().replace("E+", "e").replace("E-", "e-");
        }
        if (v instanceof StringValue s) {
            return s.value();
        }
        return v.toString();
    }

    /** Go's strings.Split (n < 0: all parts). */
    static List<String> split(String s, String sep, int n) {
        List<String> out = new ArrayList<>();
        if (sep.isEmpty()) {
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
            return out;
        }
        int start = 0;
        int idx;
        while ((idx = s.indexOf(sep, start)) >= 0) {
            out.add(s.substring(start, idx));
            start = idx + sep.length();
        }
        out.add(s.substring(start));
        return out;
    }

    /** Go's strings.Replacer: at each position the first pattern (in order) that matches wins. */
    static String replace(String s, List<String> olds, List<String> news) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        boolean hasEmpty = olds.contains("");
        while (i <= s.length()) {
            boolean matched = false;
            for (int k = 0; k < olds.size(); k++) {
                String old = olds.get(k);
                if (old.isEmpty()) {
                    out.append(news.get(k));
                    matched = false;
                    break;
                }
                if (s.startsWith(old, i)) {
                    out.append(news.get(k));
                    i += old.length();
                    matched = true;
                    break;
                }
            }
            if (matched) {
                if (i == s.length() && !hasEmpty) {
                    break;
                }
                continue;
            }
            if (i >= s.length()) {
                break;
            }
            int cp = s.codePointAt(i);
            out.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    private static String trimLeft(String s, String cutset) {
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (cutset.indexOf(new String(Character.toChars(cp))) < 0) {
                break;
            }
            i += Character.charCount(cp);
        }
        return s.substring(i);
    }

    private static String trimRight(String s, String cutset) {
        int end = s.length();
        while (end > 0) {
            int cp = s.codePointBefore(end);
            if (cutset.indexOf(new String(Character.toChars(cp))) < 0) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    /** Go's unicode.IsSpace. */
    static boolean isGoSpace(int cp) {
        return switch (cp) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> cp >= 0x2000 && cp <= 0x200A;
        };
    }

    static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isGoSpace(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && isGoSpace(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }
}
