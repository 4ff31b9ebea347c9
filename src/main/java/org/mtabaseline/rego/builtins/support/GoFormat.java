package org.mtabaseline.rego.builtins.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;

/**
 * Go's {@code fmt.Sprintf} for the argument kinds OPA's {@code sprintf} passes: {@link Long} (Go
 * int), {@link BigInteger} (*big.Int), {@link Double} (float64) and {@link String}. Supports flags
 * {@code + - # 0 space}, width, precision, and the verbs {@code v s d b o O x X c q U e E f F g G t T %},
 * with Go's error forms ({@code %!d(string=x)}, {@code %!d(MISSING)}, {@code %!(EXTRA ...)}).
 */
public final class GoFormat {
    private GoFormat() {
    }

    public static String sprintf(String format, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int argIndex = 0;
        int i = 0;
        int n = format.length();
        while (i < n) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            i++;
            Spec spec = new Spec();
            // flags
            while (i < n) {
                char f = format.charAt(i);
                if (f == '+') {
                    spec.plus = true;
                } else if (f == '-') {
                    spec.minus = true;
                    spec.zero = false;
                } else if (f == '#') {
                    spec.sharp = true;
                } else if (f == '0') {
                    spec.zero = !spec.minus;
                } else if (f == ' ') {
                    spec.space = true;
                } else {
                    break;
                }
                i++;
            }
            // width
            if (i < n && format.charAt(i) == '*') {
                i++;
                if (argIndex < args.size() && args.get(argIndex) instanceof Long w) {
                    spec.width = (int) Math.abs(w);
                    if (w < 0) {
                        spec.minus = true;
                        spec.zero = false;
                    }
                } else {
                    out.append("%!(BADWIDTH)");
                }
                argIndex++;
            } else {
                int start = i;
                while (i < n && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    spec.width = Integer.parseInt(format.substring(start, Math.min(i, start + 9)));
                }
            }
            // precision
            if (i < n && format.charAt(i) == '.') {
                i++;
                if (i < n && format.charAt(i) == '*') {
                    i++;
                    if (argIndex < args.size() && args.get(argIndex) instanceof Long p && p >= 0) {
                        spec.precision = p.intValue();
                    } else {
                        out.append("%!(BADPREC)");
                    }
                    argIndex++;
                } else {
                    int start = i;
                    while (i < n && Character.isDigit(format.charAt(i))) {
                        i++;
                    }
                    spec.precision = i > start ? Integer.parseInt(format.substring(start, Math.min(i, start + 9))) : 0;
                }
            }
            if (i >= n) {
                out.append("%!(NOVERB)");
                break;
            }
            int verb = format.codePointAt(i);
            i += Character.charCount(verb);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (argIndex >= args.size()) {
                out.append("%!").appendCodePoint(verb).append("(MISSING)");
                continue;
            }
            Object arg = args.get(argIndex++);
            formatOne(out, spec, verb, arg);
        }
        if (argIndex < args.size()) {
            out.append("%!(EXTRA ");
            for (int k = argIndex; k < args.size(); k++) {
                if (k > argIndex) {
                    out.append(", ");
                }
                Object a = args.get(k);
                out.append(typeName(a)).append('=');
                formatOne(out, new Spec(), 'v', a);
            }
            out.append(')');
        }
        return out.toString();
    }

    private static final class Spec {
        boolean plus;
        boolean minus;
        boolean sharp;
        boolean zero;
        boolean space;
        int width = -1;
        int precision = -1;
    }

    private static String typeName(Object a) {
        if (a instanceof Long) {
            return "int";
        } else if (a instanceof BigInteger) {
            return "*big.Int";
        } else if (a instanceof Double) {
            return "float64";
        }
        return "string";
    }

    private static void formatOne(StringBuilder out, Spec spec, int verb, Object arg) {
        if (verb == 'T') {
            pad(out, spec, typeName(arg), false);
            return;
        }
        if (arg instanceof Long l) {
            formatInteger(out, spec, verb, BigInteger.valueOf(l), arg);
        } else if (arg instanceof BigInteger b) {
            if (verb == 'c' || verb == 'q' || verb == 'U') {
                bad(out, verb, arg);
                return;
            }
            formatInteger(out, spec, verb == 's' ? 'd' : verb, b, arg);
        } else if (arg instanceof Double d) {
            formatFloat(out, spec, verb, d, arg);
        } else {
            formatString(out, spec, verb, (String) arg);
        }
    }

    private static void bad(StringBuilder out, int verb, Object arg) {
        out.append("%!").appendCodePoint(verb).append('(').append(typeName(arg)).append('=');
        formatOne(out, new Spec(), 'v', arg);
        out.append(')');
    }

    private static void formatInteger(StringBuilder out, Spec spec, int verb, BigInteger value, Object arg) {
        String digits;
        String prefix = "";
        switch (verb) {
            case 'v', 'd' -> digits = value.abs().toString();
            case 'b' -> {
                digits = value.abs().toString(2);
                if (spec.sharp) {
                    prefix = "0b";
                }
            }
            case 'o', 'O' -> {
                digits = value.abs().toString(8);
                if (verb == 'O') {
                    prefix = "0o";
                } else if (spec.sharp) {
                    prefix = "0";
                }
            }
            case 'x' -> {
                digits = value.abs().toString(16);
                if (spec.sharp) {
                    prefix = "0x";
                }
            }
            case 'X' -> {
                digits = value.abs().toString(16).toUpperCase();
                if (spec.sharp) {
                    prefix = "0X";
                }
            }
            case 'c' -> {
                pad(out, spec, new String(Character.toChars(validRune(value))), false);
                return;
            }
            case 'q' -> {
                pad(out, spec, quoteRune(validRune(value)), false);
                return;
            }
            case 'U' -> {
                String hex = value.toString(16).toUpperCase();
                StringBuilder u = new StringBuilder("U+");
                for (int k = hex.length(); k < 4; k++) {
                    u.append('0');
                }
                u.append(hex);
                if (spec.sharp) {
                    u.append(" '").appendCodePoint(validRune(value)).append('\'');
                }
                pad(out, spec, u.toString(), false);
                return;
            }
            case 'e', 'E', 'f', 'F', 'g', 'G' -> {
                formatFloat(out, spec, verb, value.doubleValue(), arg);
                return;
            }
            default -> {
                bad(out, verb, arg);
                return;
            }
        }
        if (spec.precision >= 0) {
            if (spec.precision == 0 && value.signum() == 0) {
                digits = "";
            }
            StringBuilder z = new StringBuilder();
            for (int k = digits.length(); k < spec.precision; k++) {
                z.append('0');
            }
            digits = z + digits;
        }
        String sign = value.signum() < 0 ? "-" : spec.plus ? "+" : spec.space ? " " : "";
        String body = prefix + digits;
        if (spec.zero && spec.precision < 0 && spec.width > 0) {
            StringBuilder z = new StringBuilder();
            for (int k = sign.length() + body.length(); k < spec.width; k++) {
                z.append('0');
            }
            out.append(sign).append(prefix).append(z).append(digits);
            return;
        }
        pad(out, spec, sign + body, false);
    }

    private static int validRune(BigInteger value) {
        if (value.bitLength() > 31) {
            return 0xFFFD;
        }
        int cp = value.intValue();
        if (cp < 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return 0xFFFD;
        }
        return cp;
    }

    private static void formatString(StringBuilder out, Spec spec, int verb, String s) {
        switch (verb) {
            case 'v', 's' -> {
                String v = s;
                if (spec.precision >= 0 && v.codePointCount(0, v.length()) > spec.precision) {
                    v = v.substring(0, v.offsetByCodePoints(0, spec.precision));
                }
                pad(out, spec, v, true);
            }
            case 'q' -> pad(out, spec, spec.sharp && !s.contains("`") ? "`" + s + "`" : quote(s, spec.plus), false);
            case 'x', 'X' -> {
                StringBuilder h = new StringBuilder();
                byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                int limit = spec.precision >= 0 ? Math.min(spec.precision, bytes.length) : bytes.length;
                for (int k = 0; k < limit; k++) {
                    if (k > 0 && spec.space) {
                        h.append(' ');
                    }
                    if (spec.sharp && (k == 0 || spec.space)) {
                        h.append(verb == 'x' ? "0x" : "0X");
                    }
                    String hex = String.format("%02x", bytes[k] & 0xff);
                    h.append(verb == 'X' ? hex.toUpperCase() : hex);
                }
                pad(out, spec, h.toString(), false);
            }
            default -> bad(out, verb, s);
        }
    }

    private static void pad(StringBuilder out, Spec spec, String s, boolean zeroAllowed) {
        int len = s.codePointCount(0, s.length());
        if (spec.width <= len) {
            out.append(s);
            return;
        }
        StringBuilder fill = new StringBuilder();
        char padChar = spec.zero && zeroAllowed && !spec.minus ? '0' : ' ';
        for (int k = len; k < spec.width; k++) {
            fill.append(padChar);
        }
        if (spec.minus) {
            out.append(s).append(fill);
        } else {
            out.append(fill).append(s);
        }
    }

    // ------------------------------------------------------------------ floats

    private static void formatFloat(StringBuilder out, Spec spec, int verb, double d, Object arg) {
        String body;
        if (Double.isNaN(d)) {
            body = "NaN";
        } else if (Double.isInfinite(d)) {
            body = d > 0 ? (spec.plus ? "+Inf" : "Inf") : "-Inf";
        } else {
            body = switch (verb) {
                case 'v', 'g', 'G' -> formatG(d, spec.precision, spec.sharp, verb == 'G');
                case 'e', 'E' -> formatE(new BigDecimal(d), spec.precision < 0 ? 6 : spec.precision, verb == 'E');
                case 'f', 'F' -> formatF(new BigDecimal(d), spec.precision < 0 ? 6 : spec.precision);
                case 'b', 'x', 'X', 'd', 's', 'q', 'c', 'o', 'O', 'U', 't' -> null;
                default -> null;
            };
            if (body == null) {
                bad(out, verb, arg);
                return;
            }
            if (d < 0 || (d == 0 && 1 / d < 0)) {
                if (!body.startsWith("-")) {
                    body = "-" + body;
                }
            } else if (spec.plus) {
                body = "+" + body;
            } else if (spec.space) {
                body = " " + body;
            }
        }
        if (spec.zero && spec.width > body.length() && !Double.isInfinite(d) && !Double.isNaN(d)) {
            int signLen = body.startsWith("-") || body.startsWith("+") || body.startsWith(" ") ? 1 : 0;
            StringBuilder z = new StringBuilder(body.substring(0, signLen));
            for (int k = body.length(); k < spec.width; k++) {
                z.append('0');
            }
            out.append(z).append(body.substring(signLen));
            return;
        }
        Spec s2 = new Spec();
        s2.width = spec.width;
        s2.minus = spec.minus;
        pad(out, s2, body, false);
    }

    private static String formatF(BigDecimal v, int precision) {
        return v.abs().setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String formatE(BigDecimal v, int precision, boolean upper) {
        BigDecimal a = v.abs();
        String mantissa;
        int exp;
        if (a.signum() == 0) {
            mantissa = precision > 0 ? "0." + "0".repeat(precision) : "0";
            exp = 0;
        } else {
            BigDecimal rounded = a.round(new java.math.MathContext(precision + 1, RoundingMode.HALF_EVEN));
            exp = rounded.precision() - rounded.scale() - 1;
            BigDecimal m = rounded.movePointLeft(exp).setScale(precision, RoundingMode.HALF_EVEN);
            mantissa = m.toPlainString();
        }
        return mantissa + exponent(exp, upper);
    }

    private static String exponent(int exp, boolean upper) {
        StringBuilder b = new StringBuilder(upper ? "E" : "e");
        b.append(exp < 0 ? '-' : '+');
        int ax = Math.abs(exp);
        if (ax < 10) {
            b.append('0');
        }
        return b.append(ax).toString();
    }

    /** %g / %v as strconv's 'g': shortest digits when no precision, else precision significant digits. */
    private static String formatG(double d, int precision, boolean sharp, boolean upper) {
        BigDecimal a;
        int eprec;
        if (precision < 0) {
            a = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        } else {
            int p = precision == 0 ? 1 : precision;
            a = new BigDecimal(Math.abs(d)).round(new java.math.MathContext(p, RoundingMode.HALF_EVEN))
                    .stripTrailingZeros();
        }
        if (a.signum() == 0) {
            return "0";
        }
        int exp = a.precision() - a.scale() - 1;
        int digits = a.precision();
        if (precision < 0) {
            eprec = 6;
        } else {
            eprec = precision == 0 ? 1 : precision;
            if (eprec > digits && digits >= exp + 1) {
                eprec = digits;
            }
        }
        if (exp < -4 || exp >= eprec) {
            return a.movePointLeft(exp).toPlainString() + exponent(exp, upper);
        }
        return a.toPlainString();
    }

    // ------------------------------------------------------------------ quoting

    /** Go's {@code strconv.Quote} (or QuoteToASCII with +). */
    public static String quote(String s, boolean ascii) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(cp -> appendEscaped(b, cp, '"', ascii));
        return b.append('"').toString();
    }

    private static String quoteRune(int cp) {
        StringBuilder b = new StringBuilder("'");
        appendEscaped(b, cp, '\'', false);
        return b.append('\'').toString();
    }

    private static void appendEscaped(StringBuilder b, int cp, char quote, boolean ascii) {
        if (cp == quote || cp == '\\') {
            b.append('\\').appendCodePoint(cp);
            return;
        }
        if (ascii ? cp >= 0x20 && cp < 0x7f : isPrint(cp)) {
            b.appendCodePoint(cp);
            return;
        }
        switch (cp) {
            case 7 -> b.append("\\a");
            case '\b' -> b.append("\\b");
            case '\f' -> b.append("\\f");
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            case '\t' -> b.append("\\t");
            case 11 -> b.append("\\v");
            default -> {
                if (cp < ' ' || cp == 0x7f) {
                    b.append(String.format("\\x%02x", cp));
                } else if (cp < 0x10000) {
                    b.append(String.format("\\u%04x", cp));
                } else {
                    b.append(String.format("\\U%08x", cp));
                }
            }
        }
    }

    private static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        int type = Character.getType(cp);
        return !(Character.isISOControl(cp) || Character.isWhitespace(cp) || type == Character.UNASSIGNED
                || type == Character.SURROGATE || type == Character.PRIVATE_USE || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SPACE_SEPARATOR);
    }
}
